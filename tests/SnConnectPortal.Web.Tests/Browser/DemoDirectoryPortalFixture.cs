namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>The shared portal and browser, with the sandbox seeding its demo directory (as when the portal launches it).</summary>
public sealed class DemoDirectoryPortalFixture : SandboxPortalFixture
{
    public DemoDirectoryPortalFixture()
        : base(new Dictionary<string, string> { ["DemoDirectory"] = "true" })
    {
    }
}
