namespace SnConnectPortal.Data;

/// <summary>One change made through the portal: who did what to which entity, and when.</summary>
public class AuditEntry
{
    public long Id { get; set; }

    /// <summary>When the change happened (UTC).</summary>
    public DateTime OccurredAt { get; set; }

    /// <summary>The user name (or system component) that made the change.</summary>
    public required string Actor { get; set; }

    public required string Action { get; set; }

    public required string EntityType { get; set; }

    public string? EntityId { get; set; }

    /// <summary>JSON describing what changed. Never holds secret values.</summary>
    public string? Details { get; set; }
}
