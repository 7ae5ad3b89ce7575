namespace SnConnectPortal.Data;

/// <summary>
/// A hub user's ServiceNow user on one connection: the accepted mapping and, until one is accepted, the
/// auto-match suggestion with the rule that found it and its confidence.
/// </summary>
public class UserMapping
{
    public long Id { get; set; }

    public long ConnectionId { get; set; }

    public long HubUserId { get; set; }

    /// <summary>The accepted ServiceNow user; null while unmapped.</summary>
    public long? ServiceNowUserId { get; set; }

    /// <summary>How the mapping was made: Manual, or the rule of an accepted suggestion (Email, UserName, FullName).</summary>
    public string? Method { get; set; }

    /// <summary>Confidence (0–100) of the accepted suggestion; 100 for a manual mapping.</summary>
    public int? Confidence { get; set; }

    public DateTime? MappedAt { get; set; }

    public string? MappedBy { get; set; }

    public long? SuggestedServiceNowUserId { get; set; }

    /// <summary>Email, UserName or FullName.</summary>
    public string? SuggestionRule { get; set; }

    public int? SuggestionConfidence { get; set; }

    /// <summary>Why the suggestion has its confidence, e.g. "email matches (case-insensitive)".</summary>
    public string? SuggestionReason { get; set; }

    public DateTime? SuggestedAt { get; set; }
}
