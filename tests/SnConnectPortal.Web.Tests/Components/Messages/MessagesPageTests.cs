using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Extensions;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Features.Outbound;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Components.Messages;

/// <summary>
/// The message view in-process against a real SQLite file: the grid asks the query for one page with the filters
/// shown, and new messages reload it only while Live is on. The clock is fake, so the refresh interval is driven.
/// </summary>
public sealed class MessagesPageTests : PortalComponentTest, IDisposable
{
    private const long ConnectionId = 1;
    private static readonly DateTime Start = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);
    private readonly PortalFactory _portal = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Start.AddDays(1)));

    public MessagesPageTests()
    {
        Context.Services.AddSingleton(_portal.Services.GetRequiredService<MessageQuery>());
        Context.Services.AddSingleton(_portal.Services.GetRequiredService<MessageNotifier>());
        Context.Services.AddSingleton(_portal.Services.GetRequiredService<MessageRedelivery>());
        Context.Services.AddSingleton<TimeProvider>(_clock);
        Context.AddAuthorization();
    }

    [Fact]
    public async Task Grid_ShowsTheNewestPageOf50_AndNextAsksForTheRest()
    {
        await SeedAsync(Enumerable.Range(1, 60).Select(i => Message(i, MessageStatus.Received)).ToArray());
        RenderPopoverProvider();
        var page = Context.Render<MessagesPage>();
        page.WaitForAssertion(() => Assert.Equal(50, ResponseIds(page).Count));
        Assert.Equal("r60", ResponseIds(page)[0]);

        page.Find("button[aria-label='Next page']").Click();

        page.WaitForAssertion(() => Assert.Equal(Enumerable.Range(1, 10).Reverse().Select(i => $"r{i}"), ResponseIds(page)));
    }

    [Fact]
    public async Task Search_AsksForTheMatchingMessagesOnly()
    {
        await SeedAsync(Message(1, MessageStatus.Received, number: "INC0010001"), Message(2, MessageStatus.Failed, number: "PRB0040001"), Message(3, MessageStatus.Received, number: "INC0010002"));
        RenderPopoverProvider();
        var page = Context.Render<MessagesPage>();
        page.WaitForAssertion(() => Assert.Equal(3, ResponseIds(page).Count));
        var search = Input(page, "filter-text");

        search.Input("INC");
        search.KeyDown("Enter");

        page.WaitForAssertion(() => Assert.Equal(new[] { "r3", "r1" }, ResponseIds(page)));
    }

    [Fact]
    public async Task StatusFilter_SaysEachStatusAsTheGridDoes_AndShowsOnlyTheChosenOne()
    {
        await SeedAsync(Message(1, MessageStatus.Received), Message(2, MessageStatus.DeadLettered));
        var popovers = RenderPopoverProvider();
        var page = Context.Render<MessagesPage>();
        page.WaitForAssertion(() => Assert.Equal(2, ResponseIds(page).Count));
        var status = page.FindComponent<MudSelect<MessageStatus?>>();

        status.Find("div.mud-input-control").MouseDown();

        popovers.WaitForAssertion(() => Assert.Equal(
            ["Received", "Queued", "Sending", "Delivered", "Retrying", "Failed", "Dead-lettered", "Skipped"],
            popovers.FindAll(".mud-popover-open div.mud-list-item").Select(item => item.TextContent.Trim())));
        popovers.FindAll(".mud-popover-open div.mud-list-item").Single(item => item.TextContent.Trim() == "Dead-lettered").Click();
        page.WaitForAssertion(() => Assert.Equal(new[] { "r2" }, ResponseIds(page)));
        Assert.Equal("Dead-lettered", status.Instance.GetState(x => x.Text));
    }

    [Fact]
    public async Task Paused_NewMessagesAreCountedNotShown_UntilShowIsClicked()
    {
        await SeedAsync(Message(1, MessageStatus.Received));
        RenderPopoverProvider();
        var page = Context.Render<MessagesPage>();
        page.WaitForAssertion(() => Assert.Single(ResponseIds(page)));
        Input(page, "live-switch").Change(false);
        page.WaitForAssertion(() => Assert.Contains("Paused", page.Markup, StringComparison.Ordinal));

        await SeedAsync(Message(2, MessageStatus.Received));
        Publish();
        _clock.Advance(LiveRefreshThrottle.DefaultInterval);

        page.WaitForAssertion(() => Assert.Equal("1 new · show", page.Find("[data-testid=new-messages]").TextContent.Trim()));
        Assert.Equal(new[] { "r1" }, ResponseIds(page));
        page.Find("[data-testid=new-messages]").Click();
        page.WaitForAssertion(() => Assert.Equal(new[] { "r2", "r1" }, ResponseIds(page)));
    }

    [Fact]
    public async Task Live_NewMessagesAppearOnceTheIntervalEnds()
    {
        await SeedAsync(Message(1, MessageStatus.Received));
        RenderPopoverProvider();
        var page = Context.Render<MessagesPage>();
        page.WaitForAssertion(() => Assert.Single(ResponseIds(page)));

        await SeedAsync(Message(2, MessageStatus.Received));
        Publish();
        _clock.Advance(LiveRefreshThrottle.DefaultInterval);

        page.WaitForAssertion(() => Assert.Equal(new[] { "r2", "r1" }, ResponseIds(page)));
        Assert.Empty(page.FindAll("[data-testid=new-messages]"));
    }

    [Fact]
    public async Task ConnectionFilter_NewsFromAnotherNodeNamingNoConnection_ReloadsTheView()
    {
        var connectionId = await SnConnectPortal.Web.Tests.Inbound.InboundTestData.CreateConnectionAsync(_portal.Services, "Acme");
        await SeedAsync(Message(1, MessageStatus.Received, connectionId: connectionId));
        var popovers = RenderPopoverProvider();
        var page = Context.Render<MessagesPage>();
        page.WaitForAssertion(() => Assert.Single(ResponseIds(page)));
        page.FindComponent<MudSelect<long?>>().Find("div.mud-input-control").MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-popover-open div.mud-list-item").Single(item => item.TextContent.Trim() == "Acme").Click());
        page.WaitForAssertion(() => Assert.Equal("Acme", page.FindComponent<MudSelect<long?>>().Instance.GetState(x => x.Text)));

        await SeedAsync(Message(2, MessageStatus.Received, connectionId: connectionId));
        _portal.Services.GetRequiredService<MessageNotifier>().Publish(new MessagesCommitted(1, []) { FromOtherNode = true, AnyConnection = true });
        _clock.Advance(LiveRefreshThrottle.DefaultInterval);

        page.WaitForAssertion(() => Assert.Equal(new[] { "r2", "r1" }, ResponseIds(page)));
    }

    public void Dispose() => _portal.Dispose();

    private void Publish() =>
        _portal.Services.GetRequiredService<MessageNotifier>().Publish(new MessagesCommitted(1, [ConnectionId]));

    private static List<string> ResponseIds(IRenderedComponent<MessagesPage> page) =>
        page.FindAll("[data-response-id]").Select(e => e.GetAttribute("data-response-id") ?? "").ToList();

    // MudBlazor puts unmatched attributes on the input itself or on its wrapper, depending on the component.
    private static IElement Input(IRenderedComponent<MessagesPage> page, string testId)
    {
        var element = page.Find($"[data-testid={testId}]");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input") ?? throw new InvalidOperationException($"No input in {testId}");
    }

    private async Task SeedAsync(params Message[] messages)
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        db.Messages.AddRange(messages);
        await db.SaveChangesAsync();
    }

    private static Message Message(int i, MessageStatus status, string? number = null, long connectionId = ConnectionId) => new()
    {
        ConnectionId = connectionId,
        Direction = MessageDirection.Inbound,
        Status = status,
        ReceivedAt = Start.AddMinutes(i),
        Number = number ?? $"INC{i:D7}",
        ResponseId = $"r{i}",
        Headers = "{}",
        Payload = "{}",
    };
}
