using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// An administrator opens a connection's field mapping, reads the incident table's fields from the instance, picks the
/// IONIX preset, previews a pasted action item and saves; an action item then posted with an events:write key is
/// delivered mapped with its attachment, and the message view shows it Delivered with its incident number and the file
/// uploaded. Chromium against the portal and sandbox processes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class FieldMappingWalkthroughTests(SandboxPortalFixture fixture) : IClassFixture<SandboxPortalFixture>
{
    private const string ConnectionName = "Sandbox IONIX";

    private const string Sample = """{"fields": {"name": "Expired certificate on mail.example.com", "body": "Found by IONIX.", "category": "Vulnerability", "urgency": "9.6"}}""";

    [Fact]
    public async Task IonixPreset_PreviewedAndSaved_MapsAnEventDeliveredToTheSandbox()
    {
        await fixture.Sandbox.ResetAsync();
        var page = await fixture.AdminPageAsync();
        await PortalNavigation.OpenPortalAsync(page);
        await PortalNavigation.SaveSandboxConnectionAsync(page, ConnectionName);

        // The connection's page → Field mapping; the incident table's fields read from sys_dictionary.
        await PortalNavigation.OpenFieldMappingAsync(page, ConnectionName);
        await Assertions.Expect(page.GetByTestId("mapping-status")).ToContainTextAsync("No mapping saved");
        await page.GetByTestId("mapping-read-fields").ClickAsync();
        await Assertions.Expect(page.GetByTestId("mapping-target-fields")).ToContainTextAsync("read from the instance's sys_dictionary", new() { Timeout = 15_000 });

        // The IONIX preset, then a pasted action item previewed before anything is saved.
        await page.GetByTestId("mapping-preset").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("IONIX action item → incident", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("mapping-rule")).ToHaveCountAsync(6);
        await Assertions.Expect(page.GetByTestId("mapping-preset-description")).ToContainTextAsync("urgency 9.0–10.0 → 1");
        await page.GetByTestId("mapping-sample").FillAsync(Sample);
        await page.GetByTestId("mapping-preview").ClickAsync();
        var payload = page.GetByTestId("mapping-preview-payload");
        await Assertions.Expect(payload).ToContainTextAsync("\"urgency\": \"1\"");
        await Assertions.Expect(payload).ToContainTextAsync("\"impact\": \"1\"");
        await Assertions.Expect(page.GetByTestId("mapping-preview-warning")).ToContainTextAsync("The event has no opening_date");
        await payload.ScrollIntoViewIfNeededAsync();
        await BrowserSession.ScreenshotAsync(page, "field-mapping-1-ionix-preview");

        await page.GetByTestId("mapping-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("mapping-status")).ToContainTextAsync("Saved");
        await Assertions.Expect(page.GetByTestId("mapping-save")).ToBeDisabledAsync();

        // An events:write key from the API keys page.
        await PortalNavigation.OpenFromMenuAsync(page, "API keys");
        await page.GetByTestId("new-key-name").FillAsync("IONIX");
        await page.GetByTestId("new-key-scope-monitor:read").ClickAsync();
        await page.GetByTestId("new-key-scope-events:write").ClickAsync();
        await page.GetByTestId("new-key-submit").ClickAsync();
        var shown = page.GetByTestId("new-key-value");
        await Assertions.Expect(shown).ToContainTextAsync("sncp_");
        var key = (await shown.InnerTextAsync()).Trim();
        await page.GetByTestId("new-key-done").ClickAsync();

        // The action item through the events API.
        using var sender = new HttpClient { BaseAddress = fixture.Portal.BaseUrl };
        sender.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var eventId = "ionix-" + Guid.NewGuid().ToString("N");
        using var sample = JsonDocument.Parse(Sample);
        var response = await sender.PostAsJsonAsync("/api/events", new
        {
            id = eventId, connection = ConnectionName, table = "incident", action = "create", fields = sample.RootElement.GetProperty("fields"),
            attachments = new[]
            {
                new { fileName = "scan-report.txt", contentType = "text/plain", content = Convert.ToBase64String("Port 8443 open on edge-7"u8.ToArray()) },
            },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        // The message view: Delivered, with the incident's number, the mapped payload, the mapping's warning and the attachment uploaded.
        await PortalNavigation.OpenFromMenuAsync(page, "Messages");
        await page.GetByTestId("filter-text").FillAsync(eventId);
        var row = page.Locator("tr:has([data-response-id])");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Delivered", new() { Timeout = 20_000 });
        await Assertions.Expect(row).ToContainTextAsync(IncidentNumber());
        await row.ClickAsync();
        var details = page.GetByTestId("message-details");
        await Assertions.Expect(details.GetByTestId("message-status")).ToHaveTextAsync("Delivered");
        await Assertions.Expect(details.GetByTestId("message-payload")).ToContainTextAsync("\"urgency\": \"1\"");
        await Assertions.Expect(details.GetByTestId("message-warnings")).ToContainTextAsync("The event has no opening_date: opened_at is left out.");
        var attachment = details.GetByTestId("message-attachment");
        await Assertions.Expect(attachment).ToContainTextAsync("scan-report.txt");
        await Assertions.Expect(attachment.GetByTestId("attachment-upload")).ToContainTextAsync("Uploaded");
        await PortalNavigation.WaitForAnimationsAsync(page); // the drawer slides in
        await BrowserSession.ScreenshotAsync(page, "field-mapping-2-event-delivered");
    }

    [GeneratedRegex("INC[0-9]{7}")]
    private static partial Regex IncidentNumber();
}
