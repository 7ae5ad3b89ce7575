using Microsoft.Playwright;
using SnConnectPortal.Web.Tests.Alerts;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// An Admin goes from the home page to Administration → Alerts, adds a webhook, presses Send test alert and reads the
/// outcome beside the button, while a receiver on loopback gets the JSON. Screenshots alerts-*.png.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AlertsWalkthroughTests(SandboxPortalFixture fixture) : IClassFixture<SandboxPortalFixture>
{
    [Fact]
    public async Task Admin_AddsAWebhook_AndSendsATestAlert_ThatArrives()
    {
        const string token = "walkthrough-token";
        await using var receiver = await WebhookReceiver.StartAsync();
        var page = await fixture.AdminPageAsync();
        await PortalNavigation.OpenFromHomeAsync(page, "Alerts");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Alerts");
        await Assertions.Expect(page.GetByTestId("no-recipients")).ToBeVisibleAsync();

        // A nonsense address is refused beside the field.
        await page.GetByTestId("recipient-channel").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Webhook (Slack, Teams, JSON)", new() { Exact = true }).ClickAsync();
        var address = page.GetByTestId("recipient-address");
        await address.FillAsync("not a url");
        await page.GetByTestId("recipient-add").ClickAsync();
        await Assertions.Expect(page.Locator("#error-recipient-address")).ToContainTextAsync("Enter the webhook's whole URL");

        await address.FillAsync(new Uri(receiver.BaseUrl, $"hook/{token}").AbsoluteUri);
        await page.GetByTestId("recipient-add").ClickAsync();
        await Assertions.Expect(page.GetByTestId("recipient")).ToContainTextAsync($"{receiver.BaseUrl.Scheme}://{receiver.BaseUrl.Authority}/…");
        Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);

        await page.GetByTestId("send-test").ClickAsync();
        await Assertions.Expect(page.GetByTestId("test-status")).ToContainTextAsync("Test alert sent to the recipient.");
        await Assertions.Expect(page.GetByTestId("test-result")).ToContainTextAsync("sent");
        Assert.Equal("test", Assert.Single(receiver.Received(token)).GetProperty("state").GetString());
        await PortalNavigation.ScreenshotsAsync(page, "alerts-1-test-sent");
        await page.Context.CloseAsync();
    }
}
