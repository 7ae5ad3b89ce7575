namespace SnConnectPortal.Web.Features.Account.EntraId;

/// <summary>
/// How people sign in (section <c>Authentication</c>). Microsoft Entra ID itself is configured in section
/// <c>AzureAd</c>, which Microsoft.Identity.Web reads.
/// </summary>
public sealed class PortalAuthenticationOptions
{
    public const string SectionName = "Authentication";
    public const string AzureAdSectionName = "AzureAd";

    /// <summary>
    /// Email and password sign-in and the first-run setup: the default and the break-glass path. False only once Entra ID
    /// sign-in is configured (the portal refuses to start otherwise).
    /// </summary>
    public bool LocalAccounts { get; set; } = true;

    /// <summary>Which Entra ID app roles and groups give which portal role.</summary>
    public EntraIdRoleMapping EntraId { get; set; } = new();

    /// <summary>Whether section <c>AzureAd</c> is configured, so that "Sign in with Microsoft" is offered. Not a setting.</summary>
    public bool MicrosoftSignIn { get; internal set; }
}
