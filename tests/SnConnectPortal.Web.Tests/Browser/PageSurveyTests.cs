using Xunit.Abstractions;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// Every screen, reached by clicking from <c>/</c> (<see cref="PortalTour"/>), surveyed by <see cref="PageSurvey"/>:
/// an axe scan in the light and the dark scheme must find no serious or critical violation, and no page may be wider
/// than a 390 px phone; the screenshots of each (1360 px wide in both schemes, 390 px in light) are saved as
/// <c>page-&lt;screen&gt;-&lt;light|dark&gt;-&lt;width&gt;.png</c>.
/// </summary>
[Collection(BrowserTourCollection.Name)]
public sealed class PageSurveyTests(SandboxPortalFixture fixture, ITestOutputHelper output) : IClassFixture<SandboxPortalFixture>
{
    [Fact]
    public async Task EveryScreen_InLightAndDark_HasNoSeriousAccessibilityViolation()
    {
        await fixture.Sandbox.ResetAsync();
        var page = await fixture.AdminPageAsync();
        var violations = new List<string>();
        await PortalNavigation.OpenPortalAsync(page);

        await PortalTour.OpenEmptyConnectionsAsync(page);
        violations.AddRange(await PageSurvey.SurveyAsync(page, "page-connections-empty"));
        await PortalTour.FillAsync(page);
        foreach (var (name, reach) in PortalTour.Screens)
        {
            await reach(page);
            violations.AddRange(await PageSurvey.SurveyAsync(page, $"page-{name}"));
            output.WriteLine($"{name}: surveyed");
        }

        await PortalTour.SignOutAsync(page);
        violations.AddRange(await PageSurvey.ScanAsync(page, "page-sign-in"));

        Assert.True(violations.Count == 0, "Serious or critical accessibility violations, or pages too wide for a phone:\n" + string.Join('\n', violations));
        await page.Context.CloseAsync();
    }
}
