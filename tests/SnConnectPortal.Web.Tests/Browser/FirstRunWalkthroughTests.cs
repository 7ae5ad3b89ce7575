using Microsoft.Playwright;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>A new administrator's first visit, clicked through in Chromium against the running portal.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstRunWalkthroughTests
{
    private static readonly (string Menu, string Path, string Heading)[] Pages =
    [
        ("Dashboard", "/", "Dashboard"),
        ("Connections", "/connections", "Connections"),
        ("Messages", "/messages", "Messages"),
        ("User directory", "/directory", "User directory"),
        ("Users", "/admin/users", "Users"),
        ("Audit log", "/admin/audit", "Audit log"),
        ("Settings", "/admin/settings", "Settings"),
    ];

    [Fact]
    public async Task NewAdministrator_CreatesAccount_VisitsEveryPage_AddsAnOperator_WhoSeesNoAdministration()
    {
        await using var portal = await PortalProcess.StartAsync();
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(portal.BaseUrl);

        // First run: the portal's address leads to the "create the first administrator" form.
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(portal.BaseUrl, "setup").ToString());
        await page.FillAsync("#displayName", "Ada Admin");
        await page.FillAsync("#email", "ada@example.com");
        await page.FillAsync("#password", "ada-admin-password");
        await page.FillAsync("#confirmPassword", "ada-admin-password");
        await BrowserSession.ScreenshotAsync(page, "01-first-run-setup");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await BrowserSession.WaitForInteractivityAsync(page);
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("ada@example.com");

        // Every page through the navigation menu, each with its heading.
        foreach (var (menu, path, heading) in Pages)
        {
            await page.Locator("nav[aria-label=Main]").GetByText(menu, new() { Exact = true }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Uri(portal.BaseUrl, path.TrimStart('/')).ToString());
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            await BrowserSession.ScreenshotAsync(page, "02-page-" + path.Trim('/').Replace('/', '-'));
        }

        // Add an Operator on the Users page (an interactive form over the circuit).
        await PortalNavigation.OpenFromMenuAsync(page, "Users");
        await page.GetByTestId("new-user-email").FillAsync("otto@example.com");
        await page.GetByTestId("new-user-name").FillAsync("Otto Operator");
        await page.GetByTestId("new-user-role").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Operator", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("new-user-password").FillAsync("otto-operator-password");
        await page.GetByTestId("new-user-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("users-grid").GetByText("otto@example.com")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "03-user-added");

        // Keep messages for 14 days instead of the configured 30.
        await PortalNavigation.OpenFromMenuAsync(page, "Settings");
        await Assertions.Expect(page.GetByTestId("retention-origin")).ToContainTextAsync("Now for 30 days: the configured default");
        await page.GetByTestId("retention-days").FillAsync("14");
        await page.GetByTestId("retention-days").PressAsync("Tab");
        await page.GetByTestId("retention-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("retention-status")).ToContainTextAsync("Saved: messages are kept for 14 days.");
        await Assertions.Expect(page.GetByTestId("retention-origin")).ToContainTextAsync("Now for 14 days: set by ada@example.com");
        await BrowserSession.ScreenshotAsync(page, "03b-retention-set");

        // The audit log shows who did it.
        await PortalNavigation.OpenFromMenuAsync(page, "Audit log");
        await Assertions.Expect(page.GetByTestId("audit-grid").GetByText("Portal user created").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("audit-grid").GetByText("Message retention changed")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "04-audit-log");

        // Sign out, sign in as the Operator: no Administration menu, and the server refuses its pages.
        await page.GetByText("Sign out").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.FillAsync("#email", "otto@example.com");
        await page.FillAsync("#password", "otto-operator-password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await BrowserSession.WaitForInteractivityAsync(page);
        await Assertions.Expect(page.Locator("nav[aria-label=Main]").GetByText("Administration")).ToHaveCountAsync(0);

        // Typing an Administration address anyway: the server refuses it.
        await page.GotoAsync("/admin/users");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Access denied");
        await BrowserSession.ScreenshotAsync(page, "05-operator-access-denied");
    }

    [Fact]
    public async Task WrongPassword_ShowsAPlainMessage()
    {
        await using var portal = await PortalProcess.StartAsync();
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(portal.BaseUrl);
        await PortalNavigation.CreateFirstAdministratorAsync(page, "ada@example.com", "ada-admin-password");
        // Off the portal first: a response still in flight from the signed-in page (its circuit, a sliding renewal)
        // could set the sign-in cookie again after the clear, and then the sign-in form's token, made for nobody,
        // would not match the signed-in request that posts it.
        await page.GotoAsync("about:blank");
        await page.Context.ClearCookiesAsync();

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.FillAsync("#email", "ada@example.com");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");

        // The same text as for an unknown, locked or disabled account (docs/security.md).
        await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync(
            "Wrong email or password. An account also refuses sign-in for 15 minutes after 5 failed attempts in a row, and while an administrator has disabled it.");
        await BrowserSession.ScreenshotAsync(page, "06-sign-in-wrong-password");
    }
}
