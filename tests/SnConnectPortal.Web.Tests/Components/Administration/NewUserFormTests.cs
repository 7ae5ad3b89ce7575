using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Web.Features.Administration;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Components.Administration;

/// <summary>The "Add a user" form: NewPortalUserValidator's messages beside their fields, nobody created while one shows.</summary>
public sealed class NewUserFormTests : PortalComponentTest, IDisposable
{
    private readonly PortalFactory _portal = new();
    private int _created;

    public NewUserFormTests()
    {
        Share<UserAdministration>();
        Share<FluentValidation.IValidator<NewPortalUser>>();
        Context.AddAuthorization().SetAuthorized("ada@example.com").SetRoles(PortalRoles.Admin);
    }

    [Fact]
    public void Add_WithoutAnEmail_ShowsOneMessageBesideTheEmail_AndAddsNobody()
    {
        var form = Render();
        SettingsTests.Input(form.Find("[data-testid=new-user-password]")).Change("long-enough-password");

        form.Find("[data-testid=new-user-submit]").Click();

        form.WaitForAssertion(() => Assert.Equal("Enter an email address.", form.Find("#error-Email").TextContent.Trim()));
        Assert.Empty(form.FindAll("#error-Password"));
        Assert.Equal(0, _created);
    }

    [Fact]
    public void Add_ADisplayNameOverTheLimit_IsRefusedBesideIt_NotCut()
    {
        var form = Render();
        var longName = new string('n', 201);
        SettingsTests.Input(form.Find("[data-testid=new-user-email]")).Change("long.name@example.com");
        SettingsTests.Input(form.Find("[data-testid=new-user-name]")).Change(longName);
        SettingsTests.Input(form.Find("[data-testid=new-user-password]")).Change("long-enough-password");

        form.Find("[data-testid=new-user-submit]").Click();

        form.WaitForAssertion(() => Assert.Equal("A display name has at most 200 characters.", form.Find("#error-DisplayName").TextContent.Trim()));
        Assert.Equal(longName, SettingsTests.Input(form.Find("[data-testid=new-user-name]")).GetAttribute("value"));
        Assert.Equal(0, _created);
    }

    [Fact]
    public void Add_AValidUser_AddsThem()
    {
        var form = Render();
        SettingsTests.Input(form.Find("[data-testid=new-user-email]")).Change("otto@example.com");
        SettingsTests.Input(form.Find("[data-testid=new-user-password]")).Change("long-enough-password");

        form.Find("[data-testid=new-user-submit]").Click();

        form.WaitForAssertion(() => Assert.Equal(1, _created));
    }

    private IRenderedComponent<NewUserForm> Render() =>
        Context.Render<NewUserForm>(parameters => parameters.Add(p => p.OnCreated, () => _created++));

    /// <summary>Hands the component the portal's own service (on the portal's SQLite file).</summary>
    private void Share<T>()
        where T : class => Context.Services.AddSingleton(_portal.Services.GetRequiredService<T>());

    public void Dispose() => _portal.Dispose();
}
