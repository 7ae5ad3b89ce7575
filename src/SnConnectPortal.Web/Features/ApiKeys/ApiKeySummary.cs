namespace SnConnectPortal.Web.Features.ApiKeys;

public enum ApiKeyState
{
    Active,
    Expired,
    Revoked,
}

/// <summary>An API key as the list shows it (never the key: only its prefix).</summary>
public sealed record ApiKeySummary(
    long Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    string CreatedBy,
    DateTime CreatedAt,
    DateTime? LastUsedAt,
    DateTime? ExpiresAt,
    DateTime? RevokedAt,
    string? RevokedBy,
    ApiKeyState State);

/// <summary>A key just created: the one moment its value exists outside the caller's hands.</summary>
public sealed record CreatedApiKey(long Id, string Name, string Key);
