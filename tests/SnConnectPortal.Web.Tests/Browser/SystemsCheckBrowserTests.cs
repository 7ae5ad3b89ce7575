using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// An Admin saves a sandbox connection through the wizard, runs the Systems Check from the browser, watches the steps
/// stream in, reads the summary dialog, then runs it again against a skewed instance clock and sees the failure and its fix.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SystemsCheckBrowserTests(SandboxPortalFixture fixture) : IClassFixture<SandboxPortalFixture>
{
    [Fact]
    public async Task Admin_RunsTheCheck_SeesEveryStepAndTheSummary_ThenAFailureWithItsRemedy()
    {
        await fixture.Sandbox.ResetAsync();
        var page = await fixture.AdminPageAsync();
        await PortalNavigation.OpenPortalAsync(page);
        await PortalNavigation.SaveSandboxConnectionAsync(page, "Sandbox checked");

        // The connection page's "Run Systems Check" opens the check, which starts at once.
        await page.GetByTestId("run-check").ClickAsync();
        var summary = page.GetByTestId("systems-check-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync(new() { Timeout = 60_000 });

        await Assertions.Expect(summary).ToHaveAttributeAsync("data-outcome", new Regex("^Passed"));
        await Assertions.Expect(page.GetByTestId("summary-status")).ToHaveTextAsync("Verified");
        await Assertions.Expect(page.Locator("[data-step=auth]")).ToHaveAttributeAsync("data-outcome", "Pass");
        await Assertions.Expect(page.Locator("[data-step=test-incident]")).ToHaveAttributeAsync("data-outcome", "Skipped");
        await BrowserSession.ScreenshotAsync(page, "systems-check-1-passing-summary");
        await page.GetByTestId("close-summary").ClickAsync();
        await BrowserSession.ScreenshotAsync(page, "systems-check-2-passing-steps");

        await fixture.Sandbox.ConfigureAsync(new { clockSkewSeconds = 900 });
        await page.GetByTestId("run-systems-check").ClickAsync();
        await Assertions.Expect(summary).ToBeVisibleAsync(new() { Timeout = 60_000 });

        await Assertions.Expect(summary).ToHaveAttributeAsync("data-outcome", "Failed");
        await Assertions.Expect(summary).ToContainTextAsync("Clock skew and time zone");
        await Assertions.Expect(summary).ToContainTextAsync("NTP");
        await Assertions.Expect(page.GetByTestId("summary-status")).ToHaveTextAsync("Failing");
        await BrowserSession.ScreenshotAsync(page, "systems-check-3-failing-summary");
        await page.GetByTestId("close-summary").ClickAsync();
        await Assertions.Expect(page.Locator("[data-step=clock]")).ToHaveAttributeAsync("data-outcome", "Fail");
        await page.Locator("[data-step=clock]").ScrollIntoViewIfNeededAsync();
        await BrowserSession.ScreenshotAsync(page, "systems-check-4-failing-step");
        await fixture.Sandbox.ResetAsync();
    }
}
