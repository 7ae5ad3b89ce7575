using Bunit;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Dashboard;

namespace SnConnectPortal.Web.Tests.Components.Dashboard;

/// <summary>A connection's status card on the dashboard: healthy, failing with the reason and a way to fix it, or without data yet.</summary>
public sealed class ConnectionHealthCardTests : PortalComponentTest
{
    private static readonly DateTime Now = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Healthy_SaysSo_WithTheLastCheckImportAndMessages_AndOffersNoFix()
    {
        var card = Render(Connection(ConnectionStatus.Active, checkPassed: true) with
        {
            LastImportAt = Now.AddHours(-3),
            LastImportStatus = UserImportStatus.Completed,
            LastInboundAt = Now.AddMinutes(-5),
            LastOutboundAt = Now.AddSeconds(-20),
        });

        Assert.Equal("Healthy", card.Find("[data-testid=health-card]").GetAttribute("data-state"));
        Assert.StartsWith("Healthy:", card.Find("[data-testid=health-verdict]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Passed 1 h ago", card.Find("[data-testid=health-check]").TextContent.Trim());
        Assert.Equal("Completed 3 h ago", card.Find("[data-testid=health-import]").TextContent.Trim());
        Assert.Equal("5 min ago · just now", card.Find("[data-testid=health-last-message]").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=health-fix]"));
    }

    [Fact]
    public void FailedCheck_ShowsItsSummary_AndLinksToTheConnection()
    {
        var card = Render(Connection(ConnectionStatus.Failing, checkPassed: false) with { LastCheckSummary = "Sign-in refused: 401 from ServiceNow." });

        Assert.Equal("Failing", card.Find("[data-testid=health-card]").GetAttribute("data-state"));
        Assert.Equal("Failing: Sign-in refused: 401 from ServiceNow.", card.Find("[data-testid=health-verdict]").TextContent.Trim());
        Assert.Equal("connections/7", card.Find("[data-testid=health-fix]").GetAttribute("href"));
    }

    [Fact]
    public void FailedDeliveries_MakeAnActiveConnectionFailing_AndCountThem()
    {
        var card = Render(Connection(ConnectionStatus.Active, checkPassed: true) with
        {
            Delivery = DeliveryHealth.None with
            {
                Backlog = 12,
                OldestWaitingSince = Now.AddMinutes(-30),
                FailuresLastDay = [new FailureCount(MessageStatus.Failed, 400, 2), new FailureCount(MessageStatus.DeadLettered, null, 1)],
            },
        });

        Assert.Equal("Failing", card.Find("[data-testid=health-card]").GetAttribute("data-state"));
        Assert.Equal("3 outbound messages failed in the last 24 hours: see Messages.", card.Find("[data-testid=health-verdict]").TextContent.Trim());
        Assert.Equal("12, oldest 30 min ago", card.Find("[data-testid=health-backlog]").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=health-headroom]")); // the instance reported no rate limit
    }

    [Fact]
    public void ReportedRateLimit_ShowsTheHeadroomLeftInItsWindow()
    {
        var card = Render(Connection(ConnectionStatus.Active, checkPassed: true) with
        {
            Delivery = DeliveryHealth.None with { Headroom = new RateLimitHeadroom(1_000, Now.AddMinutes(25), 1_240, Now.AddMinutes(-1)) },
        });

        Assert.Equal("0 of 1,000 left until 12:25 UTC", card.Find("[data-testid=health-headroom]").TextContent.Trim());
    }

    [Fact]
    public void NoData_SaysSo_AndSuggestsTheSystemsCheck()
    {
        var card = Render(Connection(ConnectionStatus.Unverified, checkPassed: null));

        Assert.Equal("NoData", card.Find("[data-testid=health-card]").GetAttribute("data-state"));
        Assert.Equal("Never run", card.Find("[data-testid=health-check]").TextContent.Trim());
        Assert.Equal("none · none", card.Find("[data-testid=health-last-message]").TextContent.Trim());
        Assert.Contains("run its Systems Check", card.Find("[data-testid=health-fix]").TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<ConnectionHealthCard> Render(ConnectionHealth connection) =>
        Context.Render<ConnectionHealthCard>(parameters => parameters.Add(p => p.Connection, connection).Add(p => p.Now, Now));

    private static ConnectionHealth Connection(ConnectionStatus status, bool? checkPassed) => new(
        7, "Acme", status, checkPassed is null ? null : Now.AddHours(-1), checkPassed, null, null, null, null, null,
        ConnectionTraffic.Empty(), DeliveryHealth.None);
}
