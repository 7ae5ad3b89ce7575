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
}
