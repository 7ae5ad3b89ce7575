using AngleSharp.Dom;
using Bunit;
using SnConnectPortal.Web.Features.UserDirectory;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Tests.Components.UserDirectory;

public sealed class HubUserFormTests : DirectoryComponentTest
{
    [Fact]
    public async Task Submit_Empty_ShowsTheValidatorsMessagesBesideTheirFields_AndAddsNobody()
    {
        await StartAsync(PortalRoles.Operator);
        var form = Context.Render<HubUserForm>();

        form.Find("[data-testid=hub-user-submit]").Click();

        form.WaitForAssertion(() => Assert.Equal("A display name or an email is required.", ErrorBeside(form, "hub-user-name")));
        Assert.Equal("An external id or an email is required, so the hub user can be found again.", ErrorBeside(form, "hub-user-external-id"));
        Assert.Equal("", ErrorBeside(form, "hub-user-email"));
        Assert.Equal(0, (await Host.Get<MappingQueries>().CountsAsync(ConnectionId, CancellationToken.None)).All);
    }

    [Fact]
    public async Task ABadEmail_IsShownBesideTheEmailField_AsSoonAsItChanges()
    {
        await StartAsync(PortalRoles.Operator);
        var form = Context.Render<HubUserForm>();

        Input(form, "hub-user-email").Change("not-an-email");

        form.WaitForAssertion(() => Assert.Equal("'not-an-email' is not an email address.", ErrorBeside(form, "hub-user-email")));
    }

    [Fact]
    public async Task AnEmailAlreadyTaken_IsShownBesideTheEmailField_AndTheFormKeepsItsValues()
    {
        await StartAsync(PortalRoles.Operator);
        await AddHubUserAsync("Ada", "ada@hub.example");
        var form = Context.Render<HubUserForm>();
        Input(form, "hub-user-name").Change("Ada again");
        Input(form, "hub-user-email").Change("ada@hub.example");

        form.Find("[data-testid=hub-user-submit]").Click();

        form.WaitForAssertion(() => Assert.Equal("A hub user with the email ada@hub.example already exists.", ErrorBeside(form, "hub-user-email")));
        Assert.Equal("Ada again", Input(form, "hub-user-name").GetAttribute("value"));
    }

    [Fact]
    public async Task AValidHubUser_IsAdded_TheFormEmptiedWithoutMessages_AndTheSectionTold()
    {
        await StartAsync(PortalRoles.Operator);
        var created = 0;
        var form = Context.Render<HubUserForm>(p => p.Add(f => f.Created, () => created++));
        Input(form, "hub-user-name").Change("Grace Hopper");
        Input(form, "hub-user-email").Change("grace@hub.example");

        form.Find("[data-testid=hub-user-submit]").Click();

        form.WaitForAssertion(() => Assert.Contains("Grace Hopper added.", form.Find("[data-testid=hub-user-status]").TextContent, StringComparison.Ordinal));
        Assert.Equal(1, created);
        Assert.Equal("", Input(form, "hub-user-name").GetAttribute("value") ?? "");
        Assert.Equal("", ErrorBeside(form, "hub-user-name"));
    }

    private static IElement Input(IRenderedComponent<HubUserForm> form, string testId) =>
        form.Find($"input[data-testid={testId}]");

    /// <summary>The message MudBlazor shows under the field (its helper line), or "" when there is none.</summary>
    private static string ErrorBeside(IRenderedComponent<HubUserForm> form, string testId) =>
        Input(form, testId).Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";
}
