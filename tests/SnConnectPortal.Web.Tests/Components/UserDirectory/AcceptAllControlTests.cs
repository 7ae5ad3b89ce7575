using Bunit;
using SnConnectPortal.Web.Components.Shared;
using SnConnectPortal.Web.Features.UserDirectory;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.UserDirectory;

namespace SnConnectPortal.Web.Tests.Components.UserDirectory;

public sealed class AcceptAllControlTests : DirectoryComponentTest
{
    /// <summary>Two hub users whose email matches a ServiceNow user's (100%): both suggested.</summary>
    private async Task SeedTwoSuggestionsAsync()
    {
        await AddServiceNowUserAsync("a1", "ada", "Ada Lovelace", "ada@corp.example");
        await AddServiceNowUserAsync("g1", "grace", "Grace Hopper", "grace@corp.example");
        await AddHubUserAsync("Ada", "ada@corp.example");
        await AddHubUserAsync("Grace", "grace@corp.example");
        await Host.Get<UserMappings>().SuggestAsync(DirectoryTestHost.Operator, ConnectionId, CancellationToken.None);
    }

    [Fact]
    public async Task AcceptAll_AsksFirst_AndCancellingMapsNobody()
    {
        await StartAsync(PortalRoles.Operator);
        await SeedTwoSuggestionsAsync();
        var dialogs = RenderDialogProvider();
        var outcomes = new List<StatusMessage>();
        var control = Context.Render<AcceptAllControl>(p => p
            .Add(c => c.ConnectionId, ConnectionId)
            .Add(c => c.Done, (StatusMessage s) => outcomes.Add(s)));

        control.Find("[data-testid=accept-all]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Map 2 hub users whose suggestion is 90% or more?", dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(0, await MappedCountAsync());
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(0, await MappedCountAsync());
        Assert.Empty(outcomes);
    }

    [Fact]
    public async Task AcceptAll_Confirmed_MapsThemAndSaysSo()
    {
        await StartAsync(PortalRoles.Operator);
        await SeedTwoSuggestionsAsync();
        var dialogs = RenderDialogProvider();
        var outcomes = new List<StatusMessage>();
        var control = Context.Render<AcceptAllControl>(p => p
            .Add(c => c.ConnectionId, ConnectionId)
            .Add(c => c.Done, (StatusMessage s) => outcomes.Add(s)));

        control.Find("[data-testid=accept-all]").Click();
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll(".mud-dialog button"), b => b.TextContent.Trim() == "Map 2"));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Map 2").Click();

        control.WaitForAssertion(() => Assert.Equal([StatusMessage.Ok("2 hub users mapped.")], outcomes));
        Assert.Equal(2, await MappedCountAsync());
    }

    [Fact]
    public async Task AcceptAll_WithNothingAtTheThreshold_SaysSoWithoutAsking()
    {
        await StartAsync(PortalRoles.Operator);
        await AddHubUserAsync("Nobody", "nobody@hub.example");
        var dialogs = RenderDialogProvider();
        var outcomes = new List<StatusMessage>();
        var control = Context.Render<AcceptAllControl>(p => p
            .Add(c => c.ConnectionId, ConnectionId)
            .Add(c => c.Done, (StatusMessage s) => outcomes.Add(s)));

        control.Find("[data-testid=accept-all]").Click();

        control.WaitForAssertion(() => Assert.StartsWith("Nothing to accept", Assert.Single(outcomes).Text, StringComparison.Ordinal));
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
    }
}
