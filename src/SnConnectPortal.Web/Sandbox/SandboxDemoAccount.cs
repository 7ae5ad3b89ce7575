namespace SnConnectPortal.Web.Sandbox;

/// <summary>
/// The sandbox's seeded demo identities (see the sandbox's FixedSeed): public demo values of a simulator, not secrets.
/// </summary>
public static class SandboxDemoAccount
{
    public const string UserName = "snc.integration";
    public const string Password = "snc-integration-pw";
    public const string ClientId = "snc-portal";
    public const string ClientSecret = "snc-portal-secret";
}
