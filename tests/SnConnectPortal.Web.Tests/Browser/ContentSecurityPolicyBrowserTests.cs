using Microsoft.Playwright;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// Chromium enforces the portal's content security policy on every screen: nothing the UI needs may be refused
/// (a refused script or style breaks the page silently), and the circuit's WebSocket must connect.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyBrowserTests
{
    private static readonly string[] MenuPages = ["Dashboard", "Messages", "User directory", "Users", "Audit log", "Settings", "Connections"];

    [Fact]
    public async Task EveryScreen_ReportsNoPolicyViolation()
    {
        await using var portal = await PortalProcess.StartAsync();
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(portal.BaseUrl);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"console on {page.Url}: {message.Text}");
            }
        };
        await page.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e =>
                window.__cspViolations.push(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
            """);

        await page.GotoAsync("/");
        await CollectAsync(page, violations);
        await page.FillAsync("#email", "ada@example.com");
        await page.FillAsync("#password", "ada-admin-password");
        await page.FillAsync("#confirmPassword", "ada-admin-password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await BrowserSession.WaitForInteractivityAsync(page);
        await CollectAsync(page, violations);

        await page.GetByTestId("dashboard-connections").ClickAsync();
        await page.GetByTestId("create-first-connection").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("New connection");
        await BrowserSession.WaitForInteractivityAsync(page);
        await CollectAsync(page, violations);
        foreach (var menu in MenuPages)
        {
            await page.Locator("nav[aria-label=Main]").GetByText(menu, new() { Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(menu);
            await CollectAsync(page, violations);
        }

        MessageViewBrowserTests.AddConnection(portal, "Acme Production");
        await page.ReloadAsync();
        await BrowserSession.WaitForInteractivityAsync(page);
        await page.GetByTestId("connection-link").ClickAsync();
        await page.GetByTestId("generate-password").ClickAsync();
        await Assertions.Expect(page.GetByTestId("new-password")).ToBeVisibleAsync();
        await page.GetByTestId("generate-password").ClickAsync(); // the confirmation dialog
        await Assertions.Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await CollectAsync(page, violations);

        // Cancel rather than Escape: a message box ignores Escape pressed before its key handler is wired, which made
        // this test fail in one CI run.
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToBeHiddenAsync();
        await page.GetByText("Sign out").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await CollectAsync(page, violations);

        Assert.True(violations.Count == 0, "Content security policy violations:\n" + string.Join('\n', violations));
    }

    private static async Task CollectAsync(IPage page, List<string> violations) =>
        violations.AddRange(await page.EvaluateAsync<string[]>("() => window.__cspViolations.splice(0)"));
}
