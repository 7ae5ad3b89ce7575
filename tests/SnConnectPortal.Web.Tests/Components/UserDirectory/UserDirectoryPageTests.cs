using Bunit;
using SnConnectPortal.Web.Features.UserDirectory;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Tests.Components.UserDirectory;

public sealed class UserDirectoryPageTests : DirectoryComponentTest
{
    private static readonly string[] ChangingControls = ["import-full", "import-incremental", "hub-user-submit", "hub-users-csv", "suggest", "accept-all"];

    [Fact]
    public async Task AViewer_SeesTheDirectory_WithoutAnyControlThatChangesIt()
    {
        await StartAsync(PortalRoles.Viewer);
        await AddHubUserAsync("Ada", "ada@hub.example");
        RenderDialogProvider();

        var page = Context.Render<UserDirectoryPage>();

        page.WaitForAssertion(() => Assert.Contains("Ada", page.Find("[data-testid=mapping-grid]").TextContent, StringComparison.Ordinal));
        Assert.Equal("User directory", page.Find("h1").TextContent);
        Assert.All(ChangingControls, testId => Assert.Empty(page.FindAll($"[data-testid={testId}]")));
        Assert.Equal(DirectoryRoles.NotAllowed, page.Find("[data-testid=hub-users-read-only]").TextContent);
        Assert.NotNull(page.Find("[data-testid=export-csv]"));
    }

    [Fact]
    public async Task AnOperator_HasEveryControl()
    {
        await StartAsync(PortalRoles.Operator);
        RenderDialogProvider();

        var page = Context.Render<UserDirectoryPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=mapping-grid]")));
        Assert.All(ChangingControls, testId => Assert.Single(page.FindAll($"[data-testid={testId}]")));
        Assert.Contains("0 ServiceNow users imported", page.Find("[data-testid=imported-count]").TextContent, StringComparison.Ordinal);
    }
}
