using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Web.Features.Administration;
using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Features.TwoFactor;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Components.Administration;

/// <summary>The Settings page against the portal's real retention and two-factor settings, on its own SQLite file.</summary>
public sealed class SettingsTests : PortalComponentTest, IDisposable
{
    private readonly PortalFactory _portal = new();

    public SettingsTests()
    {
        Share<MessageRetentionSetting>();
        Share<Microsoft.Extensions.Options.IOptions<MessagesOptions>>();
        Share<TwoFactorRequirement>();
        Context.AddAuthorization().SetAuthorized("ada@example.com").SetRoles(PortalRoles.Admin);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("99999999")]
    [InlineData("1.5")]
    public async Task Save_AnOutOfRangeRetention_IsRefusedBesideTheField_AndNothingChanges(string days)
    {
        var page = Context.Render<Settings>();
        var field = page.WaitForElement("[data-testid=retention-days]");

        Input(field).Input(days);
        await page.Find("form.retention-form").SubmitAsync(EventArgs.Empty);

        Assert.Contains("from 0 (keep for ever) to 36,500", page.Find("#error-retention-days").TextContent, StringComparison.Ordinal);
        Assert.Equal(days, Input(page.Find("[data-testid=retention-days]")).GetAttribute("value"));
        Assert.Equal(30, (await _portal.Services.GetRequiredService<MessageRetentionSetting>().GetAsync(CancellationToken.None)).Days);
    }

    [Fact]
    public async Task Save_AValidRetention_SaysSo_AndShowsNoError()
    {
        var page = Context.Render<Settings>();

        Input(page.WaitForElement("[data-testid=retention-days]")).Input("7");
        await page.Find("form.retention-form").SubmitAsync(EventArgs.Empty);

        Assert.Contains("Saved: messages are kept for 7 days.", page.Find("[data-testid=retention-status]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#error-retention-days"));
    }

    [Fact]
    public async Task RequireTwoFactor_IsSavedAndSaysSo()
    {
        var page = Context.Render<Settings>();

        Input(page.WaitForElement("[data-testid=two-factor-required]")).Change(true);

        page.WaitForAssertion(() => Assert.Contains("Saved: two-factor sign-in is required for local accounts.",
            page.Find("[data-testid=two-factor-status]").TextContent, StringComparison.Ordinal));
        Assert.True(await _portal.Services.GetRequiredService<TwoFactorRequirement>().IsRequiredAsync(CancellationToken.None));
    }

    /// <summary>The text input of a MudBlazor field, whichever element its data-testid landed on.</summary>
    internal static IElement Input(IElement field) => field.TagName == "INPUT" ? field : field.QuerySelector("input")!;

    /// <summary>Hands the component the portal's own service (on the portal's SQLite file).</summary>
    private void Share<T>()
        where T : class => Context.Services.AddSingleton(_portal.Services.GetRequiredService<T>());

    public void Dispose() => _portal.Dispose();
}
