using Microsoft.Playwright;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// One sandbox ServiceNow, one portal pointed at it (http on 127.0.0.1 allowlisted, as in development) and one
/// Chromium, shared by a test class; the first Admin is created once and their sign-in kept for every page.
/// </summary>
public sealed class SandboxPortalFixture : IAsyncLifetime
{
    public const string AdminEmail = "ada@example.com";
    public const string AdminPassword = "ada-admin-password";

    private string? _adminState;

    public SandboxProcess Sandbox { get; private set; } = default!;

    public PortalProcess Portal { get; private set; } = default!;

    public BrowserSession Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxProcess.StartAsync();
        await Sandbox.ConfigureAsync(new { clientCredentialsGrantEnabled = true });
        Portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Sandbox:Url"] = Sandbox.BaseUrl.ToString(),
            ["Connections:AllowedInsecureHosts:0"] = "127.0.0.1",
            ["Connections:AllowedPrivateHosts:0"] = "127.0.0.1",
        });
        Browser = await BrowserSession.StartAsync();

        var page = await Browser.NewPageAsync(Portal.BaseUrl);
        await page.GotoAsync("/setup");
        await page.FillAsync("#displayName", "Ada Admin");
        await page.FillAsync("#email", AdminEmail);
        await page.FillAsync("#password", AdminPassword);
        await page.FillAsync("#confirmPassword", AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Connections");
        _adminState = await page.Context.StorageStateAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>A new page signed in as the Admin.</summary>
    public Task<IPage> AdminPageAsync() => Browser.NewPageAsync(Portal.BaseUrl, _adminState);

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Portal.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
