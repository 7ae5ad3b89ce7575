using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Web.Features.SystemsCheck;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Components.SystemsCheck;

/// <summary>The Systems Check panel: only Admins and Operators may run it.</summary>
public sealed class SystemsCheckPanelTests : PortalComponentTest, IDisposable
{
    private readonly PortalFactory _portal = new();

    public SystemsCheckPanelTests() => Share<SystemsCheckService>();

    [Fact]
    public void AViewer_CannotRunTheCheck_AndIsToldWhy()
    {
        Context.AddAuthorization().SetAuthorized("vera@example.com").SetRoles(PortalRoles.Viewer);

        var panel = Context.Render<SystemsCheckPanel>(parameters => parameters.Add(p => p.ConnectionId, 1));

        Assert.True(panel.Find("[data-testid=run-systems-check]").HasAttribute("disabled"));
        Assert.Contains("Only Admins and Operators can run the check.", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOperator_MayRunTheCheck()
    {
        Context.AddAuthorization().SetAuthorized("otto@example.com").SetRoles(PortalRoles.Operator);

        var panel = Context.Render<SystemsCheckPanel>(parameters => parameters.Add(p => p.ConnectionId, 1));

        panel.WaitForAssertion(() => Assert.False(panel.Find("[data-testid=run-systems-check]").HasAttribute("disabled")));
    }

    /// <summary>Hands the component the portal's own service (on the portal's SQLite file).</summary>
    private void Share<T>()
        where T : class => Context.Services.AddSingleton(_portal.Services.GetRequiredService<T>());

    public void Dispose() => _portal.Dispose();
}
