namespace SnConnectPortal.Data;

/// <summary>
/// The inbound receiver of one connection: ServiceNow's REST message posts to <c>/api/inbound/{ConnectionKey}</c>
/// with Basic auth as <see cref="UserName"/>. The password is kept as a slow salted hash (for verification) and
/// Data-Protection encrypted (only so that the portal's own test-payload button can sign in as ServiceNow would);
/// never in clear.
/// </summary>
public class InboundEndpoint
{
    public long Id { get; set; }

    public long ConnectionId { get; set; }

    /// <summary>Random, URL-safe, unique: the last segment of the receiver URL.</summary>
    public required string ConnectionKey { get; set; }

    public required string UserName { get; set; }

    /// <summary>PBKDF2 hash (ASP.NET Core Identity's format); null until a password is generated.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>The password encrypted with Data Protection, for the test-payload button only.</summary>
    public string? ProtectedPassword { get; set; }

    public DateTime? PasswordSetAt { get; set; }

    public string? PasswordSetBy { get; set; }

    /// <summary>Most messages per second this connection may send; null means the portal's default.</summary>
    public int? RateLimitPerSecond { get; set; }

    public DateTime CreatedAt { get; set; }
}
