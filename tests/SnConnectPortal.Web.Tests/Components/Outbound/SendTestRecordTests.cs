using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Features.Outbound;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Components.Outbound;

/// <summary>The test-record button: operators only, and nothing is sent before the confirmation.</summary>
public sealed class SendTestRecordTests : PortalComponentTest, IDisposable
{
    private readonly PortalFactory _portal = new();
    private readonly BunitAuthorizationContext _authorization;

    public SendTestRecordTests()
    {
        Context.Services.AddSingleton(_portal.Services.GetRequiredService<TestRecordSender>());
        Context.Services.AddSingleton(_portal.Services.GetRequiredService<MessageQuery>());
        Context.Services.AddSingleton(_portal.Services.GetRequiredService<MessageNotifier>());
        _authorization = Context.AddAuthorization();
        _authorization.SetAuthorized("ada@example.com");
    }

    [Fact]
    public void Viewer_SeesNoButton()
    {
        _authorization.SetPolicies(PortalPolicies.Viewer);

        var component = Context.Render<SendTestRecord>(parameters => parameters.Add(p => p.ConnectionId, 1));

        Assert.Empty(component.FindAll("[data-testid=send-test-record]"));
    }

    [Fact]
    public void Operator_Send_AsksFirst_AndCancelSendsNothing()
    {
        _authorization.SetPolicies(PortalPolicies.Viewer, PortalPolicies.Operator);
        var dialogs = Context.Render<MudDialogProvider>();
        var component = Context.Render<SendTestRecord>(parameters => parameters.Add(p => p.ConnectionId, 1));

        component.Find("[data-testid=send-test-record]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("creates a real incident", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("creates a real incident", dialogs.Markup, StringComparison.Ordinal));
        Assert.Empty(component.FindAll("[data-testid=test-record-result]"));
    }

    public void Dispose() => _portal.Dispose();
}
