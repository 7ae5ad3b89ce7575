using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// How a person reaches each screen: from <c>/</c>, through the navigation menu and the buttons on the pages. The
/// walkthroughs use these instead of opening inner addresses, so a button that goes nowhere fails them.
/// </summary>
public static partial class PortalNavigation
{
    /// <summary>A screen that loads data (and asks the sandbox whether it runs) may take a while on a loaded machine.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions ScreenAppears = new() { Timeout = 15_000 };

    /// <summary>Opens the portal's address; a fresh portal leads to the "create the first administrator" form.</summary>
    public static async Task CreateFirstAdministratorAsync(IPage page, string email, string password, string? displayName = null)
    {
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Create the first administrator");
        if (displayName is not null)
        {
            await page.FillAsync("#displayName", displayName);
        }

        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.FillAsync("#confirmPassword", password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
    }

    /// <summary>Opens the portal's address signed out: the sign-in form, then the dashboard.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
    }

    /// <summary>Opens the portal's address (signed in: the dashboard) and waits for the page to be interactive.</summary>
    public static async Task OpenPortalAsync(IPage page)
    {
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await BrowserSession.WaitForInteractivityAsync(page);
    }

    /// <summary>Opens <c>/</c>, then the navigation entry with this text.</summary>
    public static async Task OpenFromHomeAsync(IPage page, string entry)
    {
        await page.GotoAsync("/");
        await BrowserSession.WaitForInteractivityAsync(page);
        await page.Locator("nav[aria-label=Main]").GetByText(entry, new() { Exact = true }).ClickAsync();
        await BrowserSession.WaitForInteractivityAsync(page);
    }

    /// <summary>
    /// A screenshot at 1360 × 860, then one at a phone's 390 × 844 (once the navigation has folded away, as it does
    /// on a phone), then back to 1360. Returns how wide the page was on the phone: wider than 390 means it scrolls sideways.
    /// </summary>
    public static async Task<int> ScreenshotsAsync(IPage page, string name)
    {
        await BrowserSession.ScreenshotAsync(page, name + "-1360");
        await page.SetViewportSizeAsync(390, 844);
        await WaitForNavigationAsync(page, folded: true);
        await BrowserSession.ScreenshotAsync(page, name + "-390");
        var phoneWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        await page.SetViewportSizeAsync(1360, 860);
        await WaitForNavigationAsync(page, folded: false);
        return phoneWidth;
    }

    /// <summary>Waits until the navigation has folded away (a phone) or opened (wider), its transition over.</summary>
    public static Task WaitForNavigationAsync(IPage page, bool folded) =>
        page.WaitForFunctionAsync(
            "folded => { const s = document.querySelector('.portal-sidebar'); const r = s.getBoundingClientRect(); return s.getAnimations().length === 0 && (folded ? r.right <= 1 : r.left >= 0 && r.width > 200); }",
            folded);

    /// <summary>Waits until finite animations (a dialog fading in) are over, so a screenshot shows the end state.</summary>
    public static Task WaitForAnimationsAsync(IPage page) =>
        page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running' || a.effect.getComputedTiming().iterations === Infinity)");

    /// <summary>Clicks an entry of the navigation menu and waits for the page's heading.</summary>
    public static async Task OpenFromMenuAsync(IPage page, string menu, string? heading = null)
    {
        // The account pages have no menu: a person goes back to the portal first.
        if (await page.GetByTestId("two-factor-back").CountAsync() > 0)
        {
            await page.GetByTestId("two-factor-back").ClickAsync();
        }

        await BrowserSession.WaitForInteractivityAsync(page);
        await page.Locator("nav[aria-label=Main]").GetByText(menu, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading ?? menu, new() { Timeout = 15_000 });
        await BrowserSession.WaitForInteractivityAsync(page);
    }

    /// <summary>The menu's "Two-factor sign-in": the user's own account page, which renders statically (no circuit).</summary>
    public static async Task OpenTwoFactorAsync(IPage page)
    {
        await OpenFromMenuAsync(page, "Connections");
        await page.Locator("nav[aria-label=Main]").GetByText("Two-factor sign-in", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Two-factor sign-in", new() { Timeout = 15_000 });
    }

    /// <summary>Connections → the connection's name.</summary>
    public static async Task OpenConnectionAsync(IPage page, string name)
    {
        await OpenFromMenuAsync(page, "Connections");
        await page.GetByTestId("connections-grid").GetByTestId("connection-link").GetByText(name, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("connection-name")).ToHaveTextAsync(name, new() { Timeout = 15_000 });
        await BrowserSession.WaitForInteractivityAsync(page);
    }

    /// <summary>The connection's page → Field mapping.</summary>
    public static async Task OpenFieldMappingAsync(IPage page, string connectionName)
    {
        await OpenConnectionAsync(page, connectionName);
        await page.GetByTestId("open-field-mapping").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Field mapping", new() { Timeout = 15_000 });
        await BrowserSession.WaitForInteractivityAsync(page);
    }

    /// <summary>Connections → New connection: the wizard's first step.</summary>
    public static async Task OpenNewConnectionWizardAsync(IPage page)
    {
        await OpenFromMenuAsync(page, "Connections");
        await page.GetByTestId("new-connection").ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-instance")).ToBeVisibleAsync(ScreenAppears);
        await BrowserSession.WaitForInteractivityAsync(page);
    }

    /// <summary>The connection's page → Run Systems Check: the check page, which starts a run at once.</summary>
    public static async Task OpenSystemsCheckAsync(IPage page, string connectionName)
    {
        await OpenConnectionAsync(page, connectionName);
        await page.GetByTestId("run-check").ClickAsync();
        await Assertions.Expect(page.GetByTestId("systems-check")).ToBeVisibleAsync(ScreenAppears);
        await BrowserSession.WaitForInteractivityAsync(page);
    }

    /// <summary>
    /// Through the wizard with the sandbox's address and credentials, saved without a check; ends on the new
    /// connection's page and returns its id (read from the address the wizard went to).
    /// </summary>
    public static async Task<long> SaveSandboxConnectionAsync(IPage page, string name)
    {
        await OpenNewConnectionWizardAsync(page);
        await page.GetByTestId("conn-name").FillAsync(name);
        await page.GetByTestId("conn-name").PressAsync("Tab");
        await page.GetByTestId("use-sandbox").ClickAsync();
        await WizardNextAsync(page, "step-authentication");
        await WizardNextAsync(page, "step-credentials");
        await page.GetByTestId("use-sandbox-credentials").ClickAsync();
        await WizardNextAsync(page, "step-behaviour");
        await WizardNextAsync(page, "step-review");
        await page.GetByTestId("save-draft").ClickAsync();
        await page.WaitForURLAsync(ConnectionPage(), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("connection-name")).ToHaveTextAsync(name);
        await BrowserSession.WaitForInteractivityAsync(page);
        return long.Parse(ConnectionPage().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task WizardNextAsync(IPage page, string expectedStep)
    {
        await page.GetByTestId("wizard-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId(expectedStep)).ToBeVisibleAsync(ScreenAppears);
    }

    [GeneratedRegex(@"/connections/(\d+)$")]
    public static partial Regex ConnectionPage();
}
