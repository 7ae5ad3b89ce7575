namespace SnConnectPortal.Data;

/// <summary>
/// Who is told about which kinds of alert: an email address, or a webhook (Slack, Teams or any receiver of JSON). A
/// webhook's URL often carries its own token, so it is stored encrypted (<see cref="ProtectedUrl"/>) and shown by
/// <see cref="Address"/>, its scheme and host only.
/// </summary>
public class AlertRecipient
{
    public long Id { get; set; }

    public required AlertChannel Channel { get; set; }

    /// <summary>The email address, or the webhook's scheme and host (e.g. <c>https://hooks.slack.com/…</c>).</summary>
    public required string Address { get; set; }

    /// <summary>The webhook's whole URL, encrypted with Data Protection; null for email.</summary>
    public string? ProtectedUrl { get; set; }

    /// <summary>The <see cref="AlertKind"/> names this recipient gets, comma-separated.</summary>
    public required string Kinds { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }
}
