using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Web.Features.ApiKeys;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Components.Administration;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Components.ApiKeys;

/// <summary>
/// The API keys screen: a new key is shown once, in place of the form, and gone after "I have copied it"; a missing scope
/// is refused beside the scopes.
/// </summary>
public sealed class ApiKeysPageTests : PortalComponentTest, IDisposable
{
    private readonly PortalFactory _portal = new();

    public ApiKeysPageTests()
    {
        Context.Services.AddSingleton(_portal.Services.GetRequiredService<ApiKeyAdministration>());
        Context.Services.AddSingleton(_portal.Services.GetRequiredService<FluentValidation.IValidator<NewApiKey>>());
        Context.AddAuthorization().SetAuthorized("ada@example.com").SetRoles(PortalRoles.Admin);
    }

    [Fact]
    public void Create_ShowsTheKeyOnce_AndListsOnlyItsPrefix()
    {
        RenderPopoverProvider();
        var page = Context.Render<ApiKeysPage>();
        SettingsTests.Input(page.Find("[data-testid=new-key-name]")).Change("Nagios");

        page.Find("[data-testid=new-key-submit]").Click();

        page.WaitForAssertion(() => Assert.StartsWith("sncp_", page.Find("[data-testid=new-key-value]").TextContent, StringComparison.Ordinal));
        var key = page.Find("[data-testid=new-key-value]").TextContent;
        page.WaitForAssertion(() => Assert.Contains(key[..13] + "…", page.Find("[data-testid=api-keys-grid]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(key, page.Find("[data-testid=api-keys-grid]").InnerHtml, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=new-key-submit]"));

        page.Find("[data-testid=new-key-done]").Click();

        Assert.DoesNotContain(key, page.Markup, StringComparison.Ordinal);
        Assert.Equal("", SettingsTests.Input(page.Find("[data-testid=new-key-name]")).GetAttribute("value") ?? "");
        Assert.Contains("Nagios", page.Find("[data-testid=api-keys-grid]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithoutAScope_IsRefusedBesideTheScopes_AndCreatesNothing()
    {
        RenderPopoverProvider();
        var page = Context.Render<ApiKeysPage>();
        SettingsTests.Input(page.Find("[data-testid=new-key-name]")).Change("No scope");
        page.Find($"[data-testid='new-key-scope-{ApiKeyScopes.MonitorRead}']").Change(false);

        page.Find("[data-testid=new-key-submit]").Click();

        page.WaitForAssertion(() => Assert.Equal("Choose at least one scope.", page.Find("[data-testid=error-Scopes]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=new-key-value]"));
        Assert.Contains("No API keys yet.", page.Find("[data-testid=api-keys-grid]").TextContent, StringComparison.Ordinal);
    }

    public void Dispose() => _portal.Dispose();
}
