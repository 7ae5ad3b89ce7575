using Microsoft.Playwright;
using SnConnectPortal.Testing.EntraId;
using SnConnectPortal.Web.Tests.Security;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// Sign-in with Microsoft Entra ID, clicked through in Chromium: the portal (local accounts off) and an OpenID Connect
/// provider shaped like Entra ID, each its own HTTP server on loopback, the portal pointed at it by configuration only.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EntraIdSignInWalkthroughTests
{
    private const string TenantId = EntraIdPortalSettings.TenantId;
    private const string OtherTenantId = "0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d";

    /// <summary>The page after a sign-in is a fresh page load through both servers: on a loaded 2-core machine more than the 5 s default.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions AfterSignIn = new() { Timeout = 15_000 };

    [Fact]
    public async Task MicrosoftSignIn_GivesEachUserTheirRole_RefusesNoRoleAndOtherTenant_FollowsRoleRemoval_SignsOutOfBoth()
    {
        await using var entra = await EntraIdProvider.StartAsync(TenantId);
        var otto = new EntraIdUser("otto@contoso.example", "Otto Operator", ["Portal.Operator"]);
        var vera = new EntraIdUser("vera@contoso.example", "Vera Viewer", ["Portal.Viewer"]);
        entra.SetUser(vera);
        entra.SetUser(new EntraIdUser("ada@contoso.example", "Ada Admin", ["Portal.Admin", "Portal.Viewer"]));
        entra.SetUser(otto);
        entra.SetUser(new EntraIdUser("nora@contoso.example", "Nora Nobody", []));
        entra.SetUser(new EntraIdUser("mallory@fabrikam.example", "Mallory Outsider", ["Portal.Admin"]) { HomeTenantId = OtherTenantId });
        await using var portal = await PortalProcess.StartAsync(EntraIdPortalSettings.For(entra, localAccounts: false));
        await entra.RegisterApplicationAsync(EntraIdPortalSettings.ClientId, EntraIdPortalSettings.ClientSecret, portal.BaseUrl);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(portal.BaseUrl);

        // An Admin in Entra ID: no first-run setup, no password form, straight through Microsoft into the portal.
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await Assertions.Expect(page.Locator("#password")).ToHaveCountAsync(0);
        await BrowserSession.ScreenshotAsync(page, "entra-01-sign-in-page");
        await SignInWithMicrosoftAsync(page, "ada@contoso.example");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard", AfterSignIn);
        await BrowserSession.WaitForInteractivityAsync(page);
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("ada@contoso.example");
        // Local accounts are off: the Users page adds nobody with a password and says how people get in.
        await PortalNavigation.OpenFromMenuAsync(page, "Users");
        await Assertions.Expect(page.GetByTestId("users-entra-only")).ToContainTextAsync("assign them one of the portal's app roles");
        await Assertions.Expect(page.GetByTestId("new-user-password")).ToHaveCountAsync(0);
        await PortalNavigation.OpenFromMenuAsync(page, "Audit log");
        await Assertions.Expect(page.GetByTestId("audit-grid").GetByText("Portal user created")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("audit-grid").GetByText($"Tenant id: {TenantId}")).ToBeVisibleAsync();

        // Sign-out ends the portal session, then offers Microsoft's.
        await page.GetByText("Sign out").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Signed out");
        await BrowserSession.ScreenshotAsync(page, "entra-02-signed-out");
        await page.GetByTestId("sign-out-microsoft").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        Assert.Equal(1, entra.EndSessionRequests);

        // An Operator: the portal without Administration.
        await SignInWithMicrosoftAsync(page, otto.UserName);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard", AfterSignIn);
        await BrowserSession.WaitForInteractivityAsync(page);
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(otto.UserName);
        await Assertions.Expect(page.Locator("nav[aria-label=Main]").GetByText("Administration")).ToHaveCountAsync(0);
        await page.GetByText("Sign out").ClickAsync();
        await page.GetByText("Sign in again").ClickAsync();

        // A Viewer: reads the connections and the messages, and is offered nothing that changes them.
        await SignInWithMicrosoftAsync(page, vera.UserName);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard", AfterSignIn);
        await BrowserSession.WaitForInteractivityAsync(page);
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(vera.UserName);
        await PortalNavigation.OpenFromMenuAsync(page, "Connections");
        await Assertions.Expect(page.GetByText("An Admin creates connections.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("new-connection")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("create-first-connection")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("nav[aria-label=Main]").GetByText("Administration")).ToHaveCountAsync(0);
        // Entra ID asks for the second factor: the portal's own is not offered.
        await Assertions.Expect(page.Locator("nav[aria-label=Main]").GetByText("Two-factor sign-in")).ToHaveCountAsync(0);
        await PortalNavigation.OpenFromMenuAsync(page, "Messages");
        await Assertions.Expect(page.GetByTestId("messages-grid")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("export-csv")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("replay-messages")).ToHaveCountAsync(0);
        await BrowserSession.ScreenshotAsync(page, "entra-02b-viewer-messages");

        // Typing an Admin's address anyway: the server refuses it.
        await page.GotoAsync("/connections/new");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Access denied");
        await page.GotoAsync("/admin/users");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Access denied");
        await PortalNavigation.OpenPortalAsync(page);
        await page.GetByText("Sign out").ClickAsync();
        await page.GetByText("Sign in again").ClickAsync();

        // No app role: refused, told what to ask for.
        await SignInWithMicrosoftAsync(page, "nora@contoso.example");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("You cannot sign in yet", AfterSignIn);
        await Assertions.Expect(page.GetByTestId("microsoft-refusal")).ToContainTextAsync("Portal.Operator");
        await Assertions.Expect(page.GetByTestId("microsoft-refusal")).ToContainTextAsync(EntraIdPortalSettings.ClientId);
        await BrowserSession.ScreenshotAsync(page, "entra-03-no-role");
        await page.SetViewportSizeAsync(390, 844);
        await BrowserSession.ScreenshotAsync(page, "entra-03-no-role-phone");
        await page.SetViewportSizeAsync(1360, 860);

        // Another organization's account: refused.
        await page.GetByText("Back to sign-in").ClickAsync();
        await SignInWithMicrosoftAsync(page, "mallory@fabrikam.example");
        await Assertions.Expect(page.GetByTestId("microsoft-refusal")).ToContainTextAsync("another organization", new() { Timeout = AfterSignIn.Timeout });

        // The Operator's app role is removed in Entra ID: their next sign-in is refused.
        entra.SetUser(otto with { Roles = [] });
        await page.GetByText("Back to sign-in").ClickAsync();
        await SignInWithMicrosoftAsync(page, otto.UserName);
        await Assertions.Expect(page.GetByTestId("microsoft-refusal")).ToContainTextAsync("none of the portal's roles", new() { Timeout = AfterSignIn.Timeout });
    }

    /// <summary>From the portal's sign-in page, through the provider's sign-in page, back to the portal.</summary>
    private static async Task SignInWithMicrosoftAsync(IPage page, string userName)
    {
        await page.GetByTestId("sign-in-microsoft").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in to your account");
        await page.FillAsync("#username", userName);
        await page.ClickAsync("#sign-in");
    }
}
