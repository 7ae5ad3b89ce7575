using Bunit;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Connections;

namespace SnConnectPortal.Web.Tests.Components.Connections;

public sealed class ConnectionsGridTests : PortalComponentTest
{
    private static readonly ConnectionSummary Acme = new(5, "Acme", "https://acme.service-now.com/", "Production", "Basic (user and password)",
        ConnectionStatus.Verified, null, null);

    [Fact]
    public void WithoutManageRights_TheRowsHaveNoActions()
    {
        var grid = Render([Acme], canManage: false);

        Assert.Contains("Acme", grid.Find("[data-testid=connection-link]").TextContent, StringComparison.Ordinal);
        Assert.Empty(grid.FindAll("button[aria-label='Edit Acme']"));
        Assert.DoesNotContain("Actions", grid.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAdmin_CanEditDisableAndDeleteEachRow()
    {
        var grid = Render([Acme], canManage: true);

        Assert.Single(grid.FindAll("button[aria-label='Edit Acme']"));
        Assert.Single(grid.FindAll("button[aria-label='Disable Acme']"));
        Assert.Single(grid.FindAll("button[aria-label='Delete Acme']"));
        Assert.Empty(grid.FindAll("button[aria-label='Enable Acme']"));
    }

    [Fact]
    public void ADisabledRow_OffersEnable()
    {
        var grid = Render([Acme with { Status = ConnectionStatus.Disabled }], canManage: true);

        Assert.Single(grid.FindAll("button[aria-label='Enable Acme']"));
        Assert.Equal("Disabled", grid.Find("[data-testid=connection-status]").TextContent.Trim());
    }

    [Fact]
    public void Delete_AsksThePageWithThatRow()
    {
        var deleted = new List<ConnectionSummary>();
        var grid = Render([Acme], canManage: true, onDelete: deleted.Add);

        grid.Find("button[aria-label='Delete Acme']").Click();

        Assert.Equal([Acme], deleted);
    }

    private IRenderedComponent<ConnectionsGrid> Render(IReadOnlyList<ConnectionSummary> connections, bool canManage, Action<ConnectionSummary>? onDelete = null)
    {
        RenderPopoverProvider();
        return Context.Render<ConnectionsGrid>(parameters => parameters
            .Add(p => p.Connections, connections)
            .Add(p => p.CanManage, canManage)
            .Add(p => p.OnDelete, onDelete ?? (_ => { })));
    }
}
