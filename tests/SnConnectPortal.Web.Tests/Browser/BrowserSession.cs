using Microsoft.Playwright;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>Debian's Chromium driven by Playwright (never a downloaded browser), with screenshots saved as artifacts.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static string ScreenshotDirectory { get; } = Path.Combine(PortalProcess.RepositoryRoot(), "test-artifacts", "screenshots");

    public static async Task<BrowserSession> StartAsync()
    {
        var executable = Environment.GetEnvironmentVariable("SNCP_CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(executable), $"Chromium not found at {executable}: run scripts/test.sh, which installs Debian's chromium.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new BrowserSession(playwright, browser);
    }

    /// <param name="baseUrl">The portal's address.</param>
    /// <param name="storageState">Cookies saved from another page (<c>StorageStateAsync</c>), to start signed in.</param>
    public async Task<IPage> NewPageAsync(Uri baseUrl, string? storageState = null)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1360, Height = 860 },
            StorageState = storageState,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Waits until the page's Blazor circuit is live (the layout says so), so clicks reach the server; as long as a
    /// click may take, since starting a circuit on a loaded 2-core machine can take more than the 5 s assertion default.
    /// </summary>
    public static Task WaitForInteractivityAsync(IPage page) =>
        Assertions.Expect(page.Locator(".portal-layout[data-interactive=true]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
