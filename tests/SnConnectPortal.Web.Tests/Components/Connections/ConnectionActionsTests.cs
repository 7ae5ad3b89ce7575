using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.Web.Features.Connections;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Tests.Components.Connections;

public sealed class ConnectionActionsTests : PortalComponentTest
{
    public static TheoryData<string[], string[]> ButtonsByPolicy => new()
    {
        { [PortalPolicies.Viewer], ["open-field-mapping"] },
        { [PortalPolicies.Viewer, PortalPolicies.Operator], ["run-check", "open-field-mapping"] },
        { [PortalPolicies.Viewer, PortalPolicies.Operator, PortalPolicies.Admin], ["run-check", "open-field-mapping", "edit-connection", "activate", "disable", "delete"] },
    };

    [Theory]
    [MemberData(nameof(ButtonsByPolicy))]
    public void EachRole_SeesOnlyTheButtonsItMayUse(string[] policies, string[] expected)
    {
        var actions = Render(ConnectionStatus.Verified, policies);

        var shown = actions.FindAll("[data-testid]").Select(e => e.GetAttribute("data-testid")).ToArray();

        Assert.Equal(expected, shown);
    }

    [Fact]
    public void ADisabledConnection_OffersEnable_NotDisableOrActivate()
    {
        var actions = Render(ConnectionStatus.Disabled, [PortalPolicies.Admin, PortalPolicies.Operator]);

        Assert.NotEmpty(actions.FindAll("[data-testid=enable]"));
        Assert.Empty(actions.FindAll("[data-testid=disable]"));
        Assert.Empty(actions.FindAll("[data-testid=activate]"));
    }

    [Fact]
    public void RunSystemsCheck_OpensTheCheckPage_WhichStartsARun()
    {
        var actions = Render(ConnectionStatus.Verified, [PortalPolicies.Operator]);

        actions.Find("[data-testid=run-check]").Click();

        Assert.EndsWith("/connections/5/systems-check?run=true", Context.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    private IRenderedComponent<ConnectionActions> Render(ConnectionStatus status, string[] policies)
    {
        var authorization = Context.AddAuthorization();
        authorization.SetAuthorized("someone@example.com");
        authorization.SetPolicies(policies);
        return Context.Render<ConnectionActions>(parameters => parameters.Add(p => p.Connection, Connection(status)));
    }

    private static ConnectionDetails Connection(ConnectionStatus status) => new(
        5, "Acme", "https://acme.service-now.com/", "UTC", "Production", ServiceNowAuthMode.Basic, ["incident"], null, null, null, status,
        null, null, null, DateTime.UnixEpoch, "ada@example.com", DateTime.UnixEpoch, "ada@example.com", null);
}
