using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Inbound;
using SnConnectPortal.Web.Features.Outbound;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Inbound;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Components.Inbound;

/// <summary>The receiver panel of a connection: who sees which button, and the confirmation before a password is replaced.</summary>
public sealed class InboundPanelTests : PortalComponentTest, IDisposable
{
    private readonly PortalFactory _portal = new();

    public InboundPanelTests()
    {
        Share<InboundEndpointAdministration>();
        Share<TestPayloadSender>();
        Share<InboundUrls>();
        Share<Microsoft.Extensions.Options.IOptions<InboundOptions>>();
        // The outbound test button beside these has its own tests.
        Context.ComponentFactories.AddStub<SendTestRecord>();
    }

    [Fact]
    public async Task AViewer_SeesNeitherGenerateNorSendTestPayload()
    {
        var connectionId = await AddConnectionAsync();
        Context.AddAuthorization().SetAuthorized("vera@example.com").SetRoles(PortalRoles.Viewer).SetPolicies(PortalPolicies.Viewer);

        var panel = Render(connectionId);

        Assert.Empty(panel.FindAll("[data-testid=generate-password]"));
        Assert.Empty(panel.FindAll("[data-testid=send-test-payload]"));
    }

    [Fact]
    public async Task AnOperator_BeforeAnyPassword_CannotGenerateOne_AndCannotSendYet()
    {
        var connectionId = await AddConnectionAsync();
        Context.AddAuthorization().SetAuthorized("otto@example.com").SetRoles(PortalRoles.Operator)
            .SetPolicies(PortalPolicies.Operator, PortalPolicies.Viewer);

        var panel = Render(connectionId);

        Assert.Empty(panel.FindAll("[data-testid=generate-password]"));
        Assert.True(panel.Find("[data-testid=send-test-payload]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task AnAdmin_ReplacingAPassword_IsAskedFirst_AndCancellingKeepsIt()
    {
        var connectionId = await AddConnectionAsync();
        Context.AddAuthorization().SetAuthorized("ada@example.com").SetRoles(PortalRoles.Admin)
            .SetPolicies(PortalPolicies.Admin, PortalPolicies.Operator, PortalPolicies.Viewer);
        var dialogs = Context.Render<MudDialogProvider>();
        var panel = Render(connectionId);
        panel.Find("[data-testid=generate-password]").Click();
        panel.WaitForElement("[data-testid=new-password]");
        var first = panel.Find("[data-testid=receiver-password-state]").TextContent;

        panel.Find("[data-testid=generate-password]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Generate a new receiver password?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Generate a new receiver password?", dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(first, panel.Find("[data-testid=receiver-password-state]").TextContent);
    }

    [Fact]
    public async Task AnOperator_WhoseTestPayloadCannotBeSent_SeesWhy_AndNoMessageLink()
    {
        var connectionId = await AddConnectionAsync();
        await InboundTestData.RotateAsync(_portal.Services, connectionId);
        Context.AddAuthorization().SetAuthorized("otto@example.com").SetRoles(PortalRoles.Operator)
            .SetPolicies(PortalPolicies.Operator, PortalPolicies.Viewer);
        var panel = Render(connectionId);

        // The in-memory test server listens nowhere, so the panel has no address to post to.
        panel.Find("[data-testid=send-test-payload]").Click();

        panel.WaitForAssertion(() =>
        {
            var result = panel.Find("[data-testid=test-payload-result]");
            Assert.Equal("The portal does not know its own address: an administrator sets Inbound:PublicBaseUrl.", result.TextContent);
            Assert.Equal("test-failed", result.ClassName);
        });
        Assert.Empty(panel.FindAll("[data-testid=test-payload-link]"));
    }

    private IRenderedComponent<InboundPanel> Render(long connectionId) =>
        Context.Render<InboundPanel>(parameters => parameters.Add(p => p.ConnectionId, connectionId));

    private async Task<long> AddConnectionAsync()
    {
        var factory = _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var connection = new Connection
        {
            Name = "Acme", NormalizedName = "ACME", InstanceUrl = "https://acme.service-now.com/", TimeZone = "UTC", Environment = "Test",
            AuthMode = "Basic", Tables = "incident", Status = ConnectionStatus.Verified, CreatedBy = "test", UpdatedBy = "test",
            CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
        return connection.Id;
    }

    /// <summary>Hands the component the portal's own service (on the portal's SQLite file).</summary>
    private void Share<T>()
        where T : class => Context.Services.AddSingleton(_portal.Services.GetRequiredService<T>());

    public void Dispose() => _portal.Dispose();
}
