using Microsoft.Playwright;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// Every screen of the portal with something on it, and how a person reaches each one by clicking from the menu: the
/// route the every-control crawl and the page survey both take.
/// </summary>
public static class PortalTour
{
    public const string ConnectionName = "Sandbox toured";

    /// <summary>The connection list before any connection exists, with its call to action.</summary>
    public static Task OpenEmptyConnectionsAsync(IPage page) => PortalNavigation.OpenFromMenuAsync(page, "Connections");

    /// <summary>Something on every screen: a checked connection with a receiver, a message, a hub user, an API key.</summary>
    public static async Task FillAsync(IPage page)
    {
        await PortalNavigation.SaveSandboxConnectionAsync(page, ConnectionName);
        await page.GetByTestId("run-check").ClickAsync();
        await CloseCheckSummaryAsync(page);
        await PortalNavigation.OpenConnectionAsync(page, ConnectionName);
        await page.GetByTestId("generate-password").ClickAsync();
        await page.GetByTestId("send-test-payload").ClickAsync();
        await Assertions.Expect(page.GetByTestId("test-payload-result")).ToContainTextAsync("202 Accepted");
        await PortalNavigation.OpenFromMenuAsync(page, "User directory");
        await page.GetByTestId("hub-user-name").FillAsync("Ada Sysadmin");
        await page.GetByTestId("hub-user-email").FillAsync("admin@example.com");
        await page.GetByTestId("hub-user-email").PressAsync("Tab");
        await page.GetByTestId("hub-user-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("mapping-grid")).ToContainTextAsync("Ada Sysadmin");
        await PortalNavigation.OpenFromMenuAsync(page, "API keys");
        await page.GetByTestId("new-key-name").FillAsync("Toured monitor");
        await page.GetByTestId("new-key-submit").ClickAsync();
        await page.GetByTestId("new-key-done").ClickAsync();
    }

    /// <summary>Each screen once <see cref="FillAsync"/> has run, by name, with the clicks that reach it.</summary>
    public static IReadOnlyList<(string Name, Func<IPage, Task> Reach)> Screens { get; } =
    [
        ("dashboard", p => PortalNavigation.OpenFromMenuAsync(p, "Dashboard")),
        ("connections", p => PortalNavigation.OpenFromMenuAsync(p, "Connections")),
        ("connection", p => PortalNavigation.OpenConnectionAsync(p, ConnectionName)),
        ("systems-check", async p =>
        {
            await PortalNavigation.OpenSystemsCheckAsync(p, ConnectionName);
            await CloseCheckSummaryAsync(p);
        }),
        ("field-mapping", p => PortalNavigation.OpenFieldMappingAsync(p, ConnectionName)),
        ("wizard-new", PortalNavigation.OpenNewConnectionWizardAsync),
        ("wizard-edit-review", OpenEditReviewAsync),
        ("messages", p => PortalNavigation.OpenFromMenuAsync(p, "Messages")),
        ("directory", p => PortalNavigation.OpenFromMenuAsync(p, "User directory")),
        ("admin-users", p => PortalNavigation.OpenFromMenuAsync(p, "Users")),
        ("admin-audit", p => PortalNavigation.OpenFromMenuAsync(p, "Audit log")),
        ("admin-api-keys", p => PortalNavigation.OpenFromMenuAsync(p, "API keys")),
        ("admin-alerts", p => PortalNavigation.OpenFromMenuAsync(p, "Alerts")),
        ("admin-settings", p => PortalNavigation.OpenFromMenuAsync(p, "Settings")),
        ("account-two-factor", PortalNavigation.OpenTwoFactorAsync),
    ];

    /// <summary>Back to Connections, then Sign out: the sign-in page.</summary>
    public static async Task SignOutAsync(IPage page)
    {
        await PortalNavigation.OpenFromMenuAsync(page, "Connections");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
    }

    /// <summary>Connections → the row's edit icon → Next through every step: the review of an existing connection.</summary>
    private static async Task OpenEditReviewAsync(IPage page)
    {
        await PortalNavigation.OpenFromMenuAsync(page, "Connections");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Edit {ConnectionName}" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-instance")).ToBeVisibleAsync();
        await BrowserSession.WaitForInteractivityAsync(page);
        foreach (var step in new[] { "step-authentication", "step-credentials", "step-behaviour", "step-review" })
        {
            await PortalNavigation.WizardNextAsync(page, step);
        }
    }

    /// <summary>
    /// The check page starts a run at once; it ends in the summary dialog, closed here with its Close button (an Escape
    /// pressed in the instant the dialog appears can come before its key handler is wired).
    /// </summary>
    private static async Task CloseCheckSummaryAsync(IPage page)
    {
        var summary = page.GetByTestId("systems-check-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.GetByTestId("close-summary").ClickAsync();
        await Assertions.Expect(summary).ToHaveCountAsync(0);
    }
}
