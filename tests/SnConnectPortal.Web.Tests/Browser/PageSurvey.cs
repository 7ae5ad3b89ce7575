using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// Looks at a page as the accessibility and appearance checks require: in the browser's light and then dark colour
/// scheme (the portal follows it until a user picks one), an axe scan and a screenshot at 1360 × 860; in light also at a
/// phone's 390 × 844, where the page must not be wider than the screen (a wide grid scrolls inside its own box; the
/// scheme changes colours, not the layout, so the phone is looked at once). Returns the
/// scans' serious and critical violations and any page too wide for a phone; ends back in light at 1360. A page outside
/// the portal's layout gets <see cref="ScanAsync"/> instead.
/// </summary>
public static class PageSurvey
{
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    public static async Task<IReadOnlyList<string>> SurveyAsync(IPage page, string name)
    {
        // An account page (the user's two-factor sign-in) renders outside the layout, as sign-in does.
        if (await page.Locator(".portal-layout").CountAsync() == 0)
        {
            return await ScanAsync(page, name);
        }

        var violations = new List<string>();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var schemeName = scheme == ColorScheme.Dark ? "dark" : "light";
            await page.EmulateMediaAsync(new() { ColorScheme = scheme });
            await Assertions.Expect(page.Locator($".portal-layout[data-theme={schemeName}]")).ToHaveCountAsync(1);
            await PortalNavigation.WaitForAnimationsAsync(page);
            violations.AddRange(Describe(await page.RunAxe(), $"{name} ({schemeName})"));
            if (scheme == ColorScheme.Dark)
            {
                await BrowserSession.ScreenshotAsync(page, $"{name}-dark-1360");
                continue;
            }

            var phoneWidth = await PortalNavigation.ScreenshotsAsync(page, $"{name}-light");
            if (phoneWidth > 390)
            {
                violations.Add($"{name}: {phoneWidth} px wide on a 390 px phone, so the whole page scrolls sideways");
            }
        }

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await Assertions.Expect(page.Locator(".portal-layout[data-theme=light]")).ToHaveCountAsync(1);
        return violations;
    }

    /// <summary>An axe scan and a screenshot of a page outside the portal's layout (sign-in, first run).</summary>
    public static async Task<IReadOnlyList<string>> ScanAsync(IPage page, string name)
    {
        await BrowserSession.ScreenshotAsync(page, name);
        return Describe(await page.RunAxe(), name).ToList();
    }

    private static IEnumerable<string> Describe(AxeResult result, string where) =>
        result.Violations
            .Where(v => BlockingImpacts.Contains(v.Impact))
            .Select(v => $"{where}: {v.Impact} {v.Id} ({v.Help}) at " +
                         string.Join(", ", v.Nodes.Take(3).Select(n => n.Html.Length > 160 ? n.Html[..160] : n.Html)));
}
