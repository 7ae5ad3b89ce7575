using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// The connection status as an Admin meets it: a new connection to an address where nothing listens fails its check
/// and says Failing (not Draft), in http words; the failure dialog leads to the wizard step that fixes it; the review
/// says what saving does to the status; a rename keeps Verified; a wrong password leads to the credentials step; and
/// Cancel asks before it discards what was typed. Screenshots: status-*.png.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConnectionStatusWalkthroughTests(SandboxPortalFixture fixture) : IClassFixture<SandboxPortalFixture>
{
    private const string Name = "Status walk";
    private const string Renamed = "Status walk renamed";

    [Fact]
    public async Task FailedCheck_SaysFailing_LeadsToTheFix_AndEditsSayWhatHappensToTheStatus()
    {
        await fixture.Sandbox.ResetAsync();
        var page = await fixture.AdminPageAsync();
        await PortalNavigation.OpenPortalAsync(page);

        // A new connection to a loopback port where nothing listens, with the sandbox's user typed by hand.
        await PortalNavigation.OpenNewConnectionWizardAsync(page);
        await page.GetByTestId("conn-name").FillAsync(Name);
        await page.GetByTestId("conn-instance").FillAsync($"http://127.0.0.1:{UnusedPort()}/");
        await page.GetByTestId("conn-instance").PressAsync("Tab");
        await PortalNavigation.WizardNextAsync(page, "step-authentication");
        await PortalNavigation.WizardNextAsync(page, "step-credentials");
        await page.GetByTestId("conn-username").FillAsync("snc.integration");
        await page.GetByTestId("secret-Password-input").FillAsync("snc-integration-pw");
        await page.GetByTestId("secret-Password-input").PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("secret-Password-entered")).ToBeVisibleAsync();
        await PortalNavigation.WizardNextAsync(page, "step-behaviour");
        await PortalNavigation.WizardNextAsync(page, "step-review");
        await Assertions.Expect(page.GetByTestId("status-after-save")).ToContainTextAsync("A new connection is saved as Unverified");

        // The check fails: the dialog says Failing, in http words, and offers the instance step.
        var summary = await SaveAndCheckAsync(page);
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-outcome", "Failed");
        await Assertions.Expect(page.GetByTestId("summary-status")).ToHaveTextAsync("Failing");
        await Assertions.Expect(summary).ToContainTextAsync("outbound HTTP (http://");
        await Assertions.Expect(summary).Not.ToContainTextAsync("HTTPS");
        await Assertions.Expect(page.GetByTestId("fix-in-wizard")).ToHaveTextAsync(new Regex("Change the instance address"));
        await BrowserSession.ScreenshotAsync(page, "status-1-refused-http-failing");
        await page.GetByTestId("fix-in-wizard").ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-instance")).ToBeVisibleAsync();
        await BrowserSession.WaitForInteractivityAsync(page);

        // Fixed: the sandbox's address. The review says what saving does, then the check makes it Verified.
        await page.GetByTestId("use-sandbox").ClickAsync();
        foreach (var step in new[] { "step-authentication", "step-credentials", "step-behaviour", "step-review" })
        {
            await PortalNavigation.WizardNextAsync(page, step);
        }

        await Assertions.Expect(page.GetByTestId("status-after-save"))
            .ToHaveTextAsync("Changing the address or credentials makes it Unverified (now Failing) until a Systems Check passes.");
        await BrowserSession.ScreenshotAsync(page, "status-2-review-says-unverified");
        summary = await SaveAndCheckAsync(page);
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-outcome", new Regex("^Passed"));
        await Assertions.Expect(page.GetByTestId("summary-status")).ToHaveTextAsync("Verified");
        await CloseSummaryAndGoBackAsync(page);

        // The connection page explains the status and what moves it.
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("Verified");
        await Assertions.Expect(page.GetByTestId("status-meaning")).ToHaveTextAsync("The last Systems Check passed: the portal reaches the instance and signs in.");
        await Assertions.Expect(page.GetByTestId("status-moves")).ToContainTextAsync("Becomes Active when an Admin activates it.");
        await Assertions.Expect(page.GetByTestId("status-moves")).ToContainTextAsync("Becomes Failing when a Systems Check fails.");
        await BrowserSession.ScreenshotAsync(page, "status-3-verified-explained");

        // A rename does not touch how the portal reaches ServiceNow: the review says so, and it stays Verified.
        await page.GetByTestId("edit-connection").ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-instance")).ToBeVisibleAsync();
        await BrowserSession.WaitForInteractivityAsync(page);
        await page.GetByTestId("conn-name").FillAsync(Renamed);
        await page.GetByTestId("conn-name").PressAsync("Tab");
        foreach (var step in new[] { "step-authentication", "step-credentials", "step-behaviour", "step-review" })
        {
            await PortalNavigation.WizardNextAsync(page, step);
        }

        await Assertions.Expect(page.GetByTestId("status-after-save")).ToContainTextAsync("Its status stays Verified");
        await page.GetByTestId("save-draft").ClickAsync();
        await Assertions.Expect(page.GetByTestId("connection-name")).ToHaveTextAsync(Renamed);
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("Verified");

        // A wrong password: Failing, and the dialog leads to the credentials step.
        await BrowserSession.WaitForInteractivityAsync(page);
        await page.GetByTestId("edit-step-2").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-credentials")).ToBeVisibleAsync();
        await BrowserSession.WaitForInteractivityAsync(page);
        await page.GetByTestId("secret-Password-replace").ClickAsync();
        await page.GetByTestId("secret-Password-input").FillAsync("not-the-password");
        await page.GetByTestId("secret-Password-input").PressAsync("Tab");
        await PortalNavigation.WizardNextAsync(page, "step-behaviour");
        await PortalNavigation.WizardNextAsync(page, "step-review");
        await Assertions.Expect(page.GetByTestId("status-after-save"))
            .ToHaveTextAsync("Changing the address or credentials makes it Unverified (now Verified) until a Systems Check passes.");
        summary = await SaveAndCheckAsync(page);
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-outcome", "Failed");
        await Assertions.Expect(page.GetByTestId("summary-status")).ToHaveTextAsync("Failing");
        await Assertions.Expect(page.GetByTestId("fix-in-wizard")).ToHaveTextAsync(new Regex("Change the credentials"));
        await BrowserSession.ScreenshotAsync(page, "status-4-wrong-password-failing");
        await page.GetByTestId("fix-in-wizard").ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-credentials")).ToBeVisibleAsync();
        await BrowserSession.WaitForInteractivityAsync(page);

        // Cancel with nothing typed leaves at once; with something typed it asks first.
        await page.GetByTestId("wizard-cancel").ClickAsync();
        await Assertions.Expect(page.GetByTestId("connection-name")).ToHaveTextAsync(Renamed);
        await BrowserSession.WaitForInteractivityAsync(page);
        await page.GetByTestId("edit-connection").ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-instance")).ToBeVisibleAsync();
        await BrowserSession.WaitForInteractivityAsync(page);
        await page.GetByTestId("conn-name").FillAsync("Typed and then cancelled");
        await page.GetByTestId("conn-name").PressAsync("Tab");
        await page.GetByTestId("wizard-cancel").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("Discard what you entered?");
        await page.WaitForTimeoutAsync(500);
        await BrowserSession.ScreenshotAsync(page, "status-5-cancel-asks");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep editing" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("conn-name")).ToHaveValueAsync("Typed and then cancelled");
        await page.GetByTestId("wizard-cancel").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Discard" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("connection-name")).ToHaveTextAsync(Renamed);
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("Failing");
        await page.Context.CloseAsync();
    }

    /// <summary>"Save and run the Systems Check": the check page, whose run ends in the summary dialog.</summary>
    private static async Task<ILocator> SaveAndCheckAsync(IPage page)
    {
        await page.GetByTestId("save-check").ClickAsync();
        var summary = page.GetByTestId("systems-check-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.WaitForTimeoutAsync(500);
        return summary;
    }

    private static async Task CloseSummaryAndGoBackAsync(IPage page)
    {
        await page.GetByTestId("close-summary").ClickAsync();
        await Assertions.Expect(page.GetByTestId("systems-check-summary")).ToHaveCountAsync(0);
        await page.GetByTestId("back-to-connection").ClickAsync();
        await Assertions.Expect(page.GetByTestId("connection-name")).ToBeVisibleAsync();
        await BrowserSession.WaitForInteractivityAsync(page);
    }

    /// <summary>A loopback port nothing listens on: taken from the OS, then let go.</summary>
    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
