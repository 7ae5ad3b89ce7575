using Bunit;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Components.Layout;

namespace SnConnectPortal.Web.Tests.Components;

public sealed class ThemeMenuTests : PortalComponentTest
{
    [Fact]
    public void ChoosingDark_ReportsDark_AndTheMenuMarksTheCurrentChoice()
    {
        var chosen = new List<ThemePreference>();
        var popovers = RenderPopoverProvider();
        var menu = Context.Render<ThemeMenu>(parameters => parameters
            .Add(p => p.Preference, ThemePreference.Light)
            .Add(p => p.PreferenceChanged, (ThemePreference p) => chosen.Add(p)));

        menu.Find("button").Click();
        Assert.Equal("true", popovers.Find("[data-testid=theme-light]").GetAttribute("aria-checked"));
        popovers.Find("[data-testid=theme-dark]").Click();

        // The item closes its menu before it reports the choice, so the report arrives a moment after the click.
        menu.WaitForAssertion(() => Assert.Equal([ThemePreference.Dark], chosen));
    }
}
