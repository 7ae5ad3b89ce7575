namespace SnConnectPortal.Sandbox.Configuration;

/// <summary>
/// Instance properties that tests change at run time through <c>POST /sandbox/config</c>.
/// Each maps to a ServiceNow property or oauth_entity setting; reset restores the defaults.
/// </summary>
internal sealed record RuntimeSettings
{
    public int AccessTokenLifetimeSeconds { get; init; } = 1799;

    public int RefreshTokenLifetimeSeconds { get; init; } = 8_640_000;

    /// <summary>glide.oauth.inbound.client.credential.grant_type.enabled</summary>
    public bool ClientCredentialsGrantEnabled { get; init; }

    /// <summary>glide.oauth.inbound.ropc.grant_type.disabled</summary>
    public bool PasswordGrantDisabled { get; init; }

    public int ClockSkewSeconds { get; init; }

    /// <summary>glide.rest.max_content_length, in bytes.</summary>
    public long MaxRequestBodyBytes { get; init; } = 10_485_760;

    /// <summary>When N &gt; 0, every Nth sys_user (in sys_id order) is hidden from callers without admin.</summary>
    public int AclHideEveryNthUser { get; init; }
}
