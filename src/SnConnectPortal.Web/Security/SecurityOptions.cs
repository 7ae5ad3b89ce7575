namespace SnConnectPortal.Web.Security;

/// <summary>Sign-in settings (section <c>Security</c>).</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>Failed sign-ins in a row before the account is locked.</summary>
    public int MaxFailedAccessAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public int LockoutMinutes { get; set; } = 15;

    public int MinimumPasswordLength { get; set; } = 12;

    /// <summary>How often an open page re-checks that its user still exists, is enabled and keeps its role.</summary>
    public int RevalidationSeconds { get; set; } = 60;

    /// <summary>
    /// Failed sign-ins one client address may make within <see cref="SignInFailureWindowMinutes"/>; further attempts get
    /// 429 without a password check. Below <see cref="MaxFailedAccessAttempts"/>, so one address cannot lock an account
    /// out in one burst.
    /// </summary>
    public int SignInFailuresPerAddress { get; set; } = 4;

    /// <summary>The sliding window of <see cref="SignInFailuresPerAddress"/>.</summary>
    public int SignInFailureWindowMinutes { get; set; } = 15;

    /// <summary>
    /// Addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed. Empty (the default): the
    /// headers are ignored, and the client address is the TCP peer's.
    /// </summary>
    public List<string> TrustedProxies { get; } = [];

    /// <summary>Strict-Transport-Security max-age, in days (sent over https outside Development).</summary>
    public int HstsMaxAgeDays { get; set; } = 365;

    /// <summary>Whether Strict-Transport-Security covers subdomains too.</summary>
    public bool HstsIncludeSubDomains { get; set; } = true;
}
