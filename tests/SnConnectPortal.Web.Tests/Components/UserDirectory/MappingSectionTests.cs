using Bunit;
using SnConnectPortal.Web.Features.UserDirectory;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.UserDirectory;

namespace SnConnectPortal.Web.Tests.Components.UserDirectory;

public sealed class MappingSectionTests : DirectoryComponentTest
{
    /// <summary>30 hub users, of whom the three whose email a ServiceNow user shares are suggested.</summary>
    private async Task SeedThirtyAsync()
    {
        for (var i = 1; i <= 30; i++)
        {
            await AddHubUserAsync($"Hub {i:00}", $"hub{i:00}@corp.example");
        }

        foreach (var i in new[] { 4, 17, 29 })
        {
            await AddServiceNowUserAsync($"s{i}", $"user{i}", $"User {i}", $"hub{i:00}@corp.example");
        }

        await Host.Get<UserMappings>().SuggestAsync(DirectoryTestHost.Operator, ConnectionId, CancellationToken.None);
    }

    private IRenderedComponent<MappingSection> Render(bool canChange)
    {
        RenderDialogProvider();
        return Context.Render<MappingSection>(p => p.Add(s => s.ConnectionId, ConnectionId).Add(s => s.CanChange, canChange));
    }

    private static IReadOnlyList<string> HubUsers(IRenderedComponent<MappingSection> section) =>
        section.FindAll("[data-testid=mapping-grid] tbody tr .cell-main:first-child").Select(c => c.TextContent.Trim()).Where(t => t.StartsWith("Hub ", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task TheGrid_ShowsTheFirstPageOf25_AndTheCountsOfEveryFilter()
    {
        await StartAsync(PortalRoles.Operator);
        await SeedThirtyAsync();

        var section = Render(canChange: true);

        section.WaitForAssertion(() => Assert.Equal(25, HubUsers(section).Count));
        Assert.Equal("Hub 01", HubUsers(section)[0]);
        Assert.Equal("All (30)", section.Find("[data-testid=filter-all]").TextContent.Trim());
        Assert.Equal("Suggested (3)", section.Find("[data-testid=filter-suggested]").TextContent.Trim());
        Assert.Contains("1-25 of 30", section.Find(".mud-table-pagination").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNextPage_AsksTheServerForTheRowsAfterTheFirst25()
    {
        await StartAsync(PortalRoles.Operator);
        await SeedThirtyAsync();
        var section = Render(canChange: true);
        section.WaitForAssertion(() => Assert.Equal(25, HubUsers(section).Count));

        section.Find("button[aria-label='Next page']").Click();

        section.WaitForAssertion(() => Assert.Equal(["Hub 26", "Hub 27", "Hub 28", "Hub 29", "Hub 30"], HubUsers(section)));
    }

    [Fact]
    public async Task AFilter_AsksTheServerForItsRowsOnly_FromTheFirstPage()
    {
        await StartAsync(PortalRoles.Operator);
        await SeedThirtyAsync();
        var section = Render(canChange: true);
        section.WaitForAssertion(() => Assert.Equal(25, HubUsers(section).Count));
        section.Find("button[aria-label='Next page']").Click();
        section.WaitForAssertion(() => Assert.Equal(5, HubUsers(section).Count));

        section.Find("[data-testid=filter-suggested]").Click();

        section.WaitForAssertion(() => Assert.Equal(["Hub 04", "Hub 17", "Hub 29"], HubUsers(section)));
        Assert.All(section.FindAll("[data-testid=row-state]"), s => Assert.Equal("Suggested", s.TextContent.Trim()));
        Assert.Equal("true", section.Find("[data-testid=filter-suggested]").GetAttribute("aria-pressed"));
        Assert.Contains("filter=Suggested", section.Find("[data-testid=export-csv]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForAViewer_TheGridAndExportShow_ButNoButtonThatChangesAMapping()
    {
        await StartAsync(PortalRoles.Viewer);
        await SeedThirtyAsync();

        var section = Render(canChange: false);

        section.WaitForAssertion(() => Assert.Equal(25, HubUsers(section).Count));
        Assert.NotNull(section.Find("[data-testid=export-csv]"));
        foreach (var testId in new[] { "suggest", "accept-all", "accept-threshold", "accept", "map-manually", "unmap" })
        {
            Assert.Empty(section.FindAll($"[data-testid={testId}]"));
        }
    }

    [Fact]
    public async Task ForAnOperator_EachRowHasItsActions()
    {
        await StartAsync(PortalRoles.Operator);
        await SeedThirtyAsync();

        var section = Render(canChange: true);

        section.WaitForAssertion(() => Assert.Equal(25, section.FindAll("[data-testid=map-manually]").Count));
        Assert.Equal(2, section.FindAll("[data-testid=accept]").Count);
        Assert.NotNull(section.Find("[data-testid=suggest]"));
        Assert.NotNull(section.Find("[data-testid=accept-all]"));
    }
}
