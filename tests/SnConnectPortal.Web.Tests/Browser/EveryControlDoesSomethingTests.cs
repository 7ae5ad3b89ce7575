using System.Text;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// On every page of the portal, reached by clicking from <c>/</c>, clicks every visible, enabled button and link and
/// checks that each one does something a person can see: it navigates, opens a dialog or a window, downloads, or
/// changes the page. Confirmations are cancelled (Escape, else Cancel), so destructive buttons are exercised without
/// harm. The layout's own controls (menu, sign-out) are clicked once, sign-out last. Of controls with the same kind and
/// name (each column's Sort, each row's Map…) the first stands for the rest: they are one component rendered again, and
/// clicking every one made the crawl the suite's longest test. A screenshot of each page.
/// </summary>
[Collection(BrowserTourCollection.Name)]
public sealed class EveryControlDoesSomethingTests(SandboxPortalFixture fixture, ITestOutputHelper output) : IClassFixture<SandboxPortalFixture>
{
    /// <summary>More than any page has, so that a page whose buttons keep changing cannot loop for ever.</summary>
    private const int MaxClicksPerPage = 60;

    private readonly List<string> _dead = [];
    private readonly StringBuilder _log = new();
    private readonly HashSet<string> _clickedLayout = [];

    [Fact]
    public async Task EveryButtonAndLink_OnEveryPage_DoesSomething()
    {
        await fixture.Sandbox.ResetAsync();
        var page = await fixture.AdminPageAsync();
        try
        {
            await CrawlEveryPageAsync(page);
        }
        finally
        {
            output.WriteLine(_log.ToString());
        }

        AssertNoDeadControls();
        await page.Context.CloseAsync();
    }

    private async Task CrawlEveryPageAsync(IPage page)
    {
        var probe = await ClickProbe.AttachAsync(page);
        await PortalNavigation.OpenPortalAsync(page);

        await CrawlAsync(page, probe, "connections-empty", PortalTour.OpenEmptyConnectionsAsync);
        AssertNoDeadControls();

        await PortalTour.FillAsync(page);
        foreach (var (name, reach) in PortalTour.Screens)
        {
            await CrawlAsync(page, probe, name, reach);
        }

        // Sign out, last: it ends the session.
        await PortalTour.SignOutAsync(page);
    }

    private async Task CrawlAsync(IPage page, ClickProbe probe, string name, Func<IPage, Task> reach)
    {
        var clicked = new HashSet<string>();
        if (!await TryReachAsync(page, name, reach))
        {
            return;
        }

        var home = page.Url;
        await probe.WaitUntilQuietAsync();
        await BrowserSession.ScreenshotAsync(page, $"controls-{name}");
        for (var clicks = 0; clicks < MaxClicksPerPage; clicks++)
        {
            var target = (await probe.ListAsync()).FirstOrDefault(t =>
                !t.Repeat && !(t.InLayout ? _clickedLayout.Contains(t.Key) : clicked.Contains(t.Key)) && !IsSignOut(t));
            if (target is null)
            {
                return;
            }

            (target.InLayout ? _clickedLayout : clicked).Add(target.Key);
            var effect = await probe.ClickAsync(target, ClickProbe.EffectDeadline);
            if (effect == ClickEffect.Nothing)
            {
                // A second chance from a fresh page: an earlier click may have left it where this one has nothing
                // new to show (the same validation messages), or the machine may be slow.
                if (!await TryReachAsync(page, name, reach))
                {
                    return;
                }

                await probe.WaitUntilQuietAsync();
                if ((await probe.ListAsync()).FirstOrDefault(t => t.Key == target.Key) is { } again)
                {
                    effect = await probe.ClickAsync(again, ClickProbe.RetryEffectDeadline);
                    if (effect == ClickEffect.Nothing)
                    {
                        _dead.Add($"{name}: \"{target.Label}\" does nothing: {await probe.DescribeAsync(again)}");
                    }
                }
            }

            _log.AppendLine($"{name}: {target.Label} → {effect}");

            if (IsMenuToggle(target))
            {
                await probe.Find(target).ClickAsync();
            }

            await probe.ClosePopupsAsync();
            await probe.WaitUntilQuietAsync();

            // The page is quiet now; it needs waiting for again only if a dialog closed or the page is reached anew.
            var changed = await probe.CloseDialogsAsync();
            if (page.Url != home)
            {
                if (!await TryReachAsync(page, name, reach))
                {
                    return;
                }

                changed = true;
            }

            if (changed)
            {
                await probe.WaitUntilQuietAsync();
            }
        }

        _dead.Add($"{name}: more than {MaxClicksPerPage} controls; the crawl stopped there");
    }

    private async Task<bool> TryReachAsync(IPage page, string name, Func<IPage, Task> reach)
    {
        try
        {
            await reach(page);
            return true;
        }
        catch (PlaywrightException e)
        {
            _dead.Add($"{name}: could not be reached by clicking ({e.Message.Split('\n')[0]})");
            return false;
        }
    }

    private static bool IsSignOut(ClickTarget target) => target.Label == "Sign out";

    /// <summary>The menu's collapse button and its Administration group: clicked again at once, so that the menu stays usable.</summary>
    private static bool IsMenuToggle(ClickTarget target) => target.Label is "toggle-navigation" or "Toggle Administration";

    private void AssertNoDeadControls() =>
        Assert.True(_dead.Count == 0, "Controls that do nothing:\n" + string.Join('\n', _dead) + "\n\nEvery click:\n" + _log);
}
