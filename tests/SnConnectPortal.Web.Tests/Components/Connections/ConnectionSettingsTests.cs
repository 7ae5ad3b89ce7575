using Bunit;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.Web.Features.Connections;
using SnConnectPortal.Web.Features.Outbound;

namespace SnConnectPortal.Web.Tests.Components.Connections;

/// <summary>The connection page's settings cards show only settings the portal obeys, in words that say what it does.</summary>
public sealed class ConnectionSettingsTests : PortalComponentTest
{
    [Fact]
    public void RateLimit_SaysWhatThePortalDoes_AndNoUrgencyThresholdIsShown()
    {
        Context.AddAuthorization().SetAuthorized("vera@example.com");

        var settings = Context.Render<ConnectionSettings>(parameters => parameters.Add(p => p.Connection, new ConnectionDetails(
            5, "Acme", "https://acme.service-now.com/", "UTC", "Production", ServiceNowAuthMode.Basic, ["incident"], new OutboundRateLimit(1_000, RateLimitPeriod.Hour), 30, null, ConnectionStatus.Active,
            null, null, null, DateTime.UnixEpoch, "ada@example.com", DateTime.UnixEpoch, "ada@example.com", null)));

        Assert.Equal("The portal starts at most 1,000 deliveries an hour to this instance (per portal node)",
            settings.Find("[data-testid=detail-ratelimit]").TextContent.Trim());
        Assert.DoesNotContain("urgency", settings.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Every 30 minutes", settings.Find("[data-testid=detail-schedule]").TextContent.Trim());
    }
}
