using Microsoft.Playwright;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// One sandbox ServiceNow, one portal pointed at it (http on 127.0.0.1 allowlisted, as in development) and one
/// Chromium, shared by a test class; the first Admin is created once and their sign-in kept for every page.
/// </summary>
public class SandboxPortalFixture : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string>? _sandboxSettings;

    public SandboxPortalFixture()
        : this(null)
    {
    }

    /// <param name="sandboxSettings">Startup settings of the sandbox (without the <c>Sandbox:</c> prefix).</param>
    protected SandboxPortalFixture(IReadOnlyDictionary<string, string>? sandboxSettings) => _sandboxSettings = sandboxSettings;

    public const string AdminEmail = "ada@example.com";
    public const string AdminPassword = "ada-admin-password";

    private string? _adminState;

    public SandboxProcess Sandbox { get; private set; } = default!;

    public PortalProcess Portal { get; private set; } = default!;

    public BrowserSession Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxProcess.StartAsync(_sandboxSettings);
        await Sandbox.ConfigureAsync(new { clientCredentialsGrantEnabled = true });
        Portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Sandbox:Url"] = Sandbox.BaseUrl.ToString(),
            ["Connections:AllowedInsecureHosts:0"] = "127.0.0.1",
            ["Connections:AllowedPrivateHosts:0"] = "127.0.0.1",
        });
        Browser = await BrowserSession.StartAsync();

        var page = await Browser.NewPageAsync(Portal.BaseUrl);
        await PortalNavigation.CreateFirstAdministratorAsync(page, AdminEmail, AdminPassword, "Ada Admin");
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
