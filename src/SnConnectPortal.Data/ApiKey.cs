namespace SnConnectPortal.Data;

/// <summary>
/// A key a machine presents instead of a sign-in (<c>Authorization: Bearer sncp_…</c>). Only the SHA-256 hash of the
/// key is stored: the key is 256 random bits, so a fast hash is enough to make the stored value useless to a reader.
/// Keys are revoked, never deleted, so the audit log and the list keep their names.
/// </summary>
public class ApiKey
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The key's first characters (<c>sncp_</c> and 8 random ones), shown so a person can tell keys apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the whole key, lowercase hex; what a presented key is looked up by.</summary>
    public required string Hash { get; set; }

    /// <summary>The scopes granted, separated by spaces (e.g. <c>monitor:read</c>).</summary>
    public required string Scopes { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>When the key stops working (UTC); null for never.</summary>
    public DateTime? ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    /// <summary>Last accepted use, written at most once a minute per key.</summary>
    public DateTime? LastUsedAt { get; set; }
}
