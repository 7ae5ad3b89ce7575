using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SnConnectPortal.Web.Features.UserDirectory;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Tests.Components.UserDirectory;

public sealed class ManualMapDialogTests : DirectoryComponentTest
{
    [Fact]
    public async Task TypingSearchesTheImportedUsers_AndTheChosenOneIsReturned()
    {
        await StartAsync(PortalRoles.Operator);
        await AddServiceNowUserAsync("l1", "snc.locked", "SNC Locked", "locked@corp.example", lockedOut: true);
        await AddServiceNowUserAsync("a1", "admin", "System Administrator", "admin@corp.example");
        var dialogs = RenderDialogProvider();
        var reference = await dialogs.InvokeAsync(() => Context.Services.GetRequiredService<IDialogService>().ShowAsync<ManualMapDialog>(
            "Map Quinn by hand", new DialogParameters<ManualMapDialog> { { d => d.ConnectionId, ConnectionId } }));

        dialogs.WaitForElement("[data-testid=directory-search] input, input[data-testid=directory-search]").Input("lock");
        Popovers.WaitForAssertion(() => Assert.Single(Popovers.FindAll("[data-testid=directory-result]")));
        var found = Popovers.Find("[data-testid=directory-result]");
        Assert.Contains("SNC Locked (snc.locked)", found.TextContent, StringComparison.Ordinal);
        Assert.Contains("locked out", found.TextContent, StringComparison.Ordinal);
        found.Closest(".mud-list-item")!.Click();
        dialogs.WaitForAssertion(() => Assert.Null(dialogs.Find("[data-testid=choose-user]").GetAttribute("disabled")));
        dialogs.Find("[data-testid=choose-user]").Click();

        var result = await reference.Result.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("snc.locked", Assert.IsType<ServiceNowUserSummary>(result?.Data).UserName);
    }

    [Fact]
    public async Task NothingChosen_MapCannotBeClicked()
    {
        await StartAsync(PortalRoles.Operator);
        var dialogs = RenderDialogProvider();

        await dialogs.InvokeAsync(() => Context.Services.GetRequiredService<IDialogService>().ShowAsync<ManualMapDialog>(
            "Map Quinn by hand", new DialogParameters<ManualMapDialog> { { d => d.ConnectionId, ConnectionId } }));

        Assert.NotNull(dialogs.WaitForElement("[data-testid=choose-user]").GetAttribute("disabled"));
    }
}
