namespace SnConnectPortal.Data;

/// <summary>
/// A person or agent identity of the hub whose actions land in ServiceNow (1stream calls them CRM users), to be
/// mapped to a ServiceNow user. Not a portal sign-in account.
/// </summary>
public class HubUser
{
    public long Id { get; set; }

    /// <summary>The hub's own id for this person, unique when set; outbound events name people by it or by email.</summary>
    public string? ExternalId { get; set; }

    public required string DisplayName { get; set; }

    public string? Email { get; set; }

    public string? UserName { get; set; }

    public string NormalizedEmail { get; set; } = "";

    public string NormalizedUserName { get; set; } = "";

    public string NormalizedName { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime UpdatedAt { get; set; }
}
