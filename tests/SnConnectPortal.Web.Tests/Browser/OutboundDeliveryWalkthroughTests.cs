using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// An administrator sends a test record that ServiceNow refuses, finds it Failed in the message view with its attempt
/// timeline, retries it once the cause is gone and watches it turn Delivered; then replays two more failures as a
/// filtered set. Chromium against the portal and sandbox processes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OutboundDeliveryWalkthroughTests(SandboxPortalFixture fixture) : IClassFixture<SandboxPortalFixture>
{
    // Dialogs and the details drawer slide in; a screenshot taken at once catches them half drawn.
    private const float DialogAnimation = 500;

    private const string ConnectionName = "Sandbox outbound";

    private static readonly object RefuseIncidents = new { pathPrefix = "/api/now/table/incident", method = "POST", status = 400 };

    [Fact]
    public async Task TestRecordFails_RetryDelivers_ThenReplayOfAFilteredSetDeliversTheRest()
    {
        await fixture.Sandbox.ResetAsync();
        var page = await fixture.AdminPageAsync();
        await PortalNavigation.OpenPortalAsync(page);
        await PortalNavigation.SaveSandboxConnectionAsync(page, ConnectionName);
        await fixture.Sandbox.AddFaultAsync(RefuseIncidents);

        // The test record: opt-in, then Failed with ServiceNow's reason.
        await page.GetByTestId("send-test-record").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("creates a real incident");
        await page.WaitForTimeoutAsync(DialogAnimation);
        await BrowserSession.ScreenshotAsync(page, "outbound-1-confirm-test-record");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Create the incident" }).ClickAsync();
        var result = page.GetByTestId("test-record-result");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-status", "Failed", new() { Timeout = 15_000 });
        await Assertions.Expect(result).ToContainTextAsync("400");
        await result.ScrollIntoViewIfNeededAsync();
        await BrowserSession.ScreenshotAsync(page, "outbound-2-test-record-failed");

        // The message view: the row is Failed; its details show the attempt and ServiceNow's answer.
        await page.GetByTestId("test-record-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("messages\\?responseId="));
        await BrowserSession.WaitForInteractivityAsync(page);
        var row = page.Locator("tr:has([data-highlight=true])");
        await Assertions.Expect(row).ToContainTextAsync("Failed");
        await row.ClickAsync();
        var details = page.GetByTestId("message-details");
        await Assertions.Expect(details.GetByTestId("message-attempt")).ToHaveCountAsync(1);
        await Assertions.Expect(details.GetByTestId("message-attempt")).ToContainTextAsync("Rejected");
        await Assertions.Expect(details.GetByTestId("message-attempt")).ToContainTextAsync("HTTP 400");
        await Assertions.Expect(details.GetByTestId("message-http")).ToHaveTextAsync("HTTP 400");
        await Assertions.Expect(details).ToBeInViewportAsync();
        await page.WaitForTimeoutAsync(DialogAnimation);
        await BrowserSession.ScreenshotAsync(page, "outbound-3-failed-details-timeline");

        // The cause is gone: Retry, and the open details turn Delivered without a reload.
        await fixture.Sandbox.ClearFaultsAsync();
        await details.GetByTestId("retry-message").ClickAsync();
        await Assertions.Expect(details.GetByTestId("message-status")).ToHaveTextAsync("Delivered", new() { Timeout = 15_000 });
        await Assertions.Expect(details.GetByTestId("message-attempt")).ToHaveCountAsync(2);
        await Assertions.Expect(details.GetByTestId("message-attempt").Nth(1)).ToHaveAttributeAsync("data-outcome", "Delivered");
        await BrowserSession.ScreenshotAsync(page, "outbound-4-retried-delivered");
        await page.GetByTestId("close-message-details").ClickAsync();
        await Assertions.Expect(details).ToHaveCountAsync(0);
        await Assertions.Expect(row).ToContainTextAsync("Delivered");

        // Two more refused records.
        await fixture.Sandbox.AddFaultAsync(RefuseIncidents);
        await PortalNavigation.OpenConnectionAsync(page, ConnectionName);
        var failedResponseIds = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            await page.GetByTestId("send-test-record").ClickAsync();
            await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Create the incident" }).ClickAsync();
            var link = page.GetByTestId("test-record-link");
            await Assertions.Expect(link).ToHaveCountAsync(1);
            if (failedResponseIds.Count > 0)
            {
                await Assertions.Expect(link).Not.ToHaveAttributeAsync("href", new Regex(failedResponseIds[^1]));
            }

            await Assertions.Expect(page.GetByTestId("test-record-result")).ToHaveAttributeAsync("data-status", "Failed", new() { Timeout = 15_000 });
            failedResponseIds.Add((await link.GetAttributeAsync("href"))!.Split('=')[1]);
        }

        // Replay the Failed ones: the dialog counts them, then they are delivered.
        await fixture.Sandbox.ClearFaultsAsync();
        await PortalNavigation.OpenFromMenuAsync(page, "Messages");
        await page.GetByTestId("filter-status").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Failed", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-response-id]")).ToHaveCountAsync(2);
        await page.GetByTestId("replay-messages").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("Replay 2 messages?");
        await Assertions.Expect(dialog).ToContainTextAsync("status Failed");
        await page.WaitForTimeoutAsync(DialogAnimation);
        await BrowserSession.ScreenshotAsync(page, "outbound-5-replay-confirmation");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-response-id]")).ToHaveCountAsync(0, new() { Timeout = 15_000 });

        await page.GetByTestId("filter-status").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Delivered", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-response-id]")).ToHaveCountAsync(3);
        await BrowserSession.ScreenshotAsync(page, "outbound-6-replayed-delivered");
        var incidents = await fixture.Sandbox.GetRequestsAsync();
        Assert.Equal(3, incidents.EnumerateArray().Count(r => r.GetProperty("method").GetString() == "POST"
            && r.GetProperty("path").GetString() == "/api/now/table/incident" && r.GetProperty("status").GetInt32() == 201));

        // With nothing in the way, the test record shows Delivered live, with the created number linking to the instance.
        await PortalNavigation.OpenConnectionAsync(page, ConnectionName);
        await page.GetByTestId("send-test-record").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Create the incident" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("test-record-result")).ToHaveAttributeAsync("data-status", "Delivered", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("test-record-number")).ToHaveTextAsync("INC0010004");
        await Assertions.Expect(page.GetByTestId("test-record-number")).ToHaveAttributeAsync("href", new Regex("/nav_to\\.do\\?uri=incident\\.do%3Fsys_id%3D[0-9a-f]{32}$"));
        await page.GetByTestId("test-record-result").ScrollIntoViewIfNeededAsync();
        await BrowserSession.ScreenshotAsync(page, "outbound-7-test-record-delivered");

        // A caller named by a hub user nobody has mapped: nothing is sent, and the result says what to do.
        await page.GetByTestId("test-record-caller").FillAsync("nobody@hub.example");
        await page.GetByTestId("test-record-caller").PressAsync("Tab");
        await page.GetByTestId("send-test-record").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Create the incident" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("test-record-result")).ToHaveAttributeAsync("data-status", "Failed", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("test-record-result"))
            .ToContainTextAsync("caller_id: No hub user has the external id or email 'nobody@hub.example'.");
        await BrowserSession.ScreenshotAsync(page, "outbound-8-test-record-unknown-caller");

        // Nothing was sent, so its details say there was no HTTP response rather than a bare "HTTP".
        await page.GetByTestId("test-record-link").ClickAsync();
        await BrowserSession.WaitForInteractivityAsync(page);
        await page.Locator("tr:has([data-highlight=true])").ClickAsync();
        await Assertions.Expect(page.GetByTestId("message-details").GetByTestId("message-http")).ToHaveTextAsync("no HTTP response");
        await page.WaitForTimeoutAsync(DialogAnimation);
        await BrowserSession.ScreenshotAsync(page, "outbound-9-failed-without-http-response");
        await fixture.Sandbox.ResetAsync();
    }
}
