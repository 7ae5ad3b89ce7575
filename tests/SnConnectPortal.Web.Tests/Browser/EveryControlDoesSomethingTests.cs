using System.Text;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// On every page of the portal, reached by clicking from <c>/</c>, clicks every visible, enabled button and link and
/// checks that each one does something a person can see: it navigates, opens a dialog or a window, downloads, or
/// changes the page. Confirmations are cancelled (Escape, else Cancel), so destructive buttons are exercised without
/// harm. The layout's own controls (menu, sign-out) are clicked once, sign-out last. Each page is first surveyed
/// (<see cref="PageSurvey"/>): light and dark, desktop and phone screenshots, and an axe scan that must find no serious
/// or critical violation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EveryControlDoesSomethingTests(SandboxPortalFixture fixture, ITestOutputHelper output) : IClassFixture<SandboxPortalFixture>
{
    private const string ConnectionName = "Sandbox crawled";

    /// <summary>More than any page has, so that a page whose buttons keep changing cannot loop for ever.</summary>
    private const int MaxClicksPerPage = 60;

    private readonly List<string> _dead = [];
    private readonly List<string> _inaccessible = [];
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
        Assert.True(_inaccessible.Count == 0, "Serious or critical accessibility violations:\n" + string.Join('\n', _inaccessible));
        await page.Context.CloseAsync();
    }

    private async Task CrawlEveryPageAsync(IPage page)
    {
        var probe = await ClickProbe.AttachAsync(page);
        await PortalNavigation.OpenPortalAsync(page);

        // With no connection yet: the empty list and its call to action.
        await CrawlAsync(page, probe, "connections-empty", p => PortalNavigation.OpenFromMenuAsync(p, "Connections"));
        AssertNoDeadControls();

        // Something on every page: a checked connection with a receiver, a message, a hub user.
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

        await CrawlAsync(page, probe, "connections", p => PortalNavigation.OpenFromMenuAsync(p, "Connections"));
        await CrawlAsync(page, probe, "connection", p => PortalNavigation.OpenConnectionAsync(p, ConnectionName));
        await CrawlAsync(page, probe, "systems-check", async p =>
        {
            await PortalNavigation.OpenSystemsCheckAsync(p, ConnectionName);
            await CloseCheckSummaryAsync(p);
        });
        await CrawlAsync(page, probe, "wizard-new", PortalNavigation.OpenNewConnectionWizardAsync);
        await CrawlAsync(page, probe, "wizard-edit-review", OpenEditReviewAsync);
        await CrawlAsync(page, probe, "messages", p => PortalNavigation.OpenFromMenuAsync(p, "Messages"));
        await CrawlAsync(page, probe, "directory", p => PortalNavigation.OpenFromMenuAsync(p, "User directory"));
        await CrawlAsync(page, probe, "admin-users", p => PortalNavigation.OpenFromMenuAsync(p, "Users"));
        await CrawlAsync(page, probe, "admin-audit", p => PortalNavigation.OpenFromMenuAsync(p, "Audit log"));
        await CrawlAsync(page, probe, "admin-settings", p => PortalNavigation.OpenFromMenuAsync(p, "Settings"));

        // Sign out, last: it ends the session.
        await PortalNavigation.OpenFromMenuAsync(page, "Connections");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        _inaccessible.AddRange(await PageSurvey.ScanAsync(page, "page-sign-in"));
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
        _inaccessible.AddRange(await PageSurvey.SurveyAsync(page, $"page-{name}"));
        await probe.WaitUntilQuietAsync();
        for (var clicks = 0; clicks < MaxClicksPerPage; clicks++)
        {
            var target = (await probe.ListAsync()).FirstOrDefault(t =>
                !(t.InLayout ? _clickedLayout.Contains(t.Key) : clicked.Contains(t.Key)) && !IsSignOut(t));
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
            await probe.CloseDialogsAsync();
            if (page.Url != home && !await TryReachAsync(page, name, reach))
            {
                return;
            }

            await probe.WaitUntilQuietAsync();
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

    /// <summary>The check page starts a run at once; it ends in the summary dialog, closed here.</summary>
    private static async Task CloseCheckSummaryAsync(IPage page)
    {
        var summary = page.GetByTestId("systems-check-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(summary).ToHaveCountAsync(0);
    }

    private void AssertNoDeadControls() =>
        Assert.True(_dead.Count == 0, "Controls that do nothing:\n" + string.Join('\n', _dead) + "\n\nEvery click:\n" + _log);
}
