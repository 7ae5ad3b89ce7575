using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Web.Features.Alerts;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Components.Alerts;

/// <summary>The Alerts page against the portal's real alert services, on its own SQLite file.</summary>
public sealed class AlertsPageTests : PortalComponentTest, IDisposable
{
    private readonly PortalFactory _portal = new();

    public AlertsPageTests()
    {
        Share<AlertSettingsStore>();
        Share<AlertRecipients>();
        Share<AlertDispatcher>();
        Share<AlertHistory>();
        Context.AddAuthorization().SetAuthorized("ada@example.com").SetRoles(PortalRoles.Admin);
    }

    [Theory]
    [InlineData("backlog-age", "3", "#error-backlog-age", "0 (off) or from 5 to 10,080 minutes")]
    [InlineData("inbound-silence", "50000", "#error-inbound-silence", "0 (off) or from 5 to 43,200 minutes")]
    [InlineData("expiry-warning", "0", "#error-expiry-warning", "from 1 to 90 days")]
    [InlineData("token-lifespan", "4000", "#error-token-lifespan", "from 1 to 3,650 days")]
    [InlineData("smtp-port", "70000", "#error-smtp-port", "between 1 and 65,535")]
    public async Task Save_AnOutOfRangeValue_IsRefusedBesideTheField_AndNothingChanges(string field, string value, string error, string message)
    {
        var page = Context.Render<AlertsPage>();

        Input(page.WaitForElement($"[data-testid={field}]")).Input(value);
        await page.Find("[data-testid=alert-settings-card] form").SubmitAsync(EventArgs.Empty);

        Assert.Contains(message, page.Find(error).TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=alert-settings-status]"));
        Assert.Equal(AlertSettings.Default, await _portal.Services.GetRequiredService<AlertSettingsStore>().GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Save_AnSmtpHostWithoutASender_AsksForTheSender()
    {
        var page = Context.Render<AlertsPage>();

        Input(page.WaitForElement("[data-testid=smtp-host]")).Input("smtp.example.com");
        await page.Find("[data-testid=alert-settings-card] form").SubmitAsync(EventArgs.Empty);

        Assert.Contains("Enter the address alert emails come from", page.Find("#error-smtp-from").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_ValidSettings_SaysSo_AndKeepsThem()
    {
        var page = Context.Render<AlertsPage>();

        Input(page.WaitForElement("[data-testid=backlog-age]")).Input("45");
        await page.Find("[data-testid=alert-settings-card] form").SubmitAsync(EventArgs.Empty);

        Assert.Contains("Saved", page.Find("[data-testid=alert-settings-status]").TextContent, StringComparison.Ordinal);
        Assert.Equal(45, (await _portal.Services.GetRequiredService<AlertSettingsStore>().GetAsync(CancellationToken.None)).Thresholds.BacklogAgeMinutes);
    }

    [Fact]
    public void AddRecipient_NotAnEmailAddress_IsRefusedBesideTheField()
    {
        var page = Context.Render<AlertsPage>();

        Input(page.WaitForElement("[data-testid=recipient-address]")).Input("not-an-address");
        page.Find("[data-testid=recipient-add]").Click();

        page.WaitForAssertion(() => Assert.Contains("Enter an email address", page.Find("#error-recipient-address").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=recipient]"));
    }

    [Fact]
    public void AddRecipient_AnEmailAddress_IsListedWithEveryKind()
    {
        var page = Context.Render<AlertsPage>();

        Input(page.WaitForElement("[data-testid=recipient-address]")).Input("oncall@example.com");
        page.Find("[data-testid=recipient-add]").Click();

        page.WaitForAssertion(() => Assert.Contains("oncall@example.com", Assert.Single(page.FindAll("[data-testid=recipient]")).TextContent, StringComparison.Ordinal));
        Assert.Contains("Connection failing", page.Find("[data-testid=recipient]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void SendTest_WithNobodyToTell_SaysSoBesideTheButton()
    {
        var page = Context.Render<AlertsPage>();

        page.WaitForElement("[data-testid=send-test]").Click();

        page.WaitForAssertion(() => Assert.Contains("Add a recipient first", page.Find("[data-testid=test-status]").TextContent, StringComparison.Ordinal));
    }

    private static IElement Input(IElement field) => field.TagName == "INPUT" ? field : field.QuerySelector("input")!;

    private void Share<T>()
        where T : class => Context.Services.AddSingleton(_portal.Services.GetRequiredService<T>());

    public void Dispose() => _portal.Dispose();
}
