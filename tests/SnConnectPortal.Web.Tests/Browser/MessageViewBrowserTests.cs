using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// An administrator sets up a connection's receiver, sends the test payload and watches it arrive live in an open
/// message view in a second tab; then filters and opens the row's details. Chromium against the portal process.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MessageViewBrowserTests
{
    [Fact]
    public async Task TestPayloadButton_Shows202_AndTheRowAppearsLiveInAnOpenMessageView_WithFiltersAndDetails()
    {
        await using var portal = await PortalProcess.StartAsync();
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(portal.BaseUrl);

        await PortalNavigation.CreateFirstAdministratorAsync(page, "ada@example.com", "ada-admin-password");
        AddConnection(portal, "Acme Production");
        await PortalNavigation.OpenPortalAsync(page); // the connections page shown before the row was added does not list it

        // The receiver panel on the connection's page: generate the password (shown once).
        await PortalNavigation.OpenConnectionAsync(page, "Acme Production");
        await Assertions.Expect(page.GetByTestId("inbound-not-set-up")).ToBeVisibleAsync();
        await page.GetByTestId("generate-password").ClickAsync();
        await Assertions.Expect(page.GetByTestId("new-password")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("receiver-url")).ToContainTextAsync("/api/inbound/");
        await Assertions.Expect(page.GetByTestId("setup-kit")).ToBeVisibleAsync();

        // The portal runs at 127.0.0.1 without Inbound:PublicBaseUrl: ServiceNow could not reach that address, and the panel says so.
        await Assertions.Expect(page.GetByTestId("receiver-address-warning")).ToContainTextAsync("A ServiceNow instance cannot reach http://127.0.0.1:");
        await Assertions.Expect(page.GetByTestId("receiver-address-warning")).ToContainTextAsync("Set Inbound:PublicBaseUrl");
        await Assertions.Expect(page.GetByTestId("setup-kit-address-warning")).ToContainTextAsync("which a ServiceNow instance cannot reach: set Inbound:PublicBaseUrl first");
        await page.GetByTestId("inbound-panel").ScrollIntoViewIfNeededAsync();
        await BrowserSession.ScreenshotAsync(page, "10-receiver-panel-new-password");

        // A second tab with the message view open, live.
        var view = await page.Context.NewPageAsync();
        await PortalNavigation.OpenPortalAsync(view);
        await PortalNavigation.OpenFromMenuAsync(view, "Messages");
        await Assertions.Expect(view.GetByTestId("messages-grid")).ToContainTextAsync("No messages match these filters.");

        // The test payload: 202 and a response id, over HTTP to the portal's own receiver.
        await page.BringToFrontAsync();
        await page.GetByTestId("send-test-payload").ClickAsync();
        await Assertions.Expect(page.GetByTestId("test-payload-result")).ToContainTextAsync("202 Accepted · response id ");
        var result = await page.GetByTestId("test-payload-result").InnerTextAsync();
        var responseId = result[(result.LastIndexOf(' ') + 1)..].Trim();
        await BrowserSession.ScreenshotAsync(page, "11-test-payload-202");

        // The row appears in the open view without a reload.
        await Assertions.Expect(view.Locator($"tr:has([data-response-id='{responseId}'])")).ToBeVisibleAsync();
        await view.BringToFrontAsync();
        await BrowserSession.ScreenshotAsync(view, "12-message-view-live-row");

        // Filters: a text that matches nothing, then the response id.
        await view.GetByTestId("filter-text").FillAsync("NO-SUCH-NUMBER");
        await view.GetByTestId("filter-text").PressAsync("Enter");
        await Assertions.Expect(view.Locator($"tr:has([data-response-id='{responseId}'])")).ToHaveCountAsync(0);
        await view.GetByTestId("filter-text").FillAsync("TEST000");
        await view.GetByTestId("filter-text").PressAsync("Enter");
        await Assertions.Expect(view.Locator($"tr:has([data-response-id='{responseId}'])")).ToBeVisibleAsync();

        // Details: redacted headers, pretty payload, timeline.
        await view.Locator($"tr:has([data-response-id='{responseId}'])").ClickAsync();
        await Assertions.Expect(view.GetByTestId("message-payload")).ToContainTextAsync("\"number\": \"TEST0000001\"");
        await Assertions.Expect(view.GetByTestId("message-headers")).ToContainTextAsync("redacted");
        await Assertions.Expect(view.GetByTestId("message-timeline")).ToContainTextAsync("Stored durably");
        await BrowserSession.ScreenshotAsync(view, "13-message-details");
        await view.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await Assertions.Expect(view.Locator(".portal-layout[data-theme=dark]")).ToHaveCountAsync(1);
        await BrowserSession.ScreenshotAsync(view, "13-message-details-dark");
        await view.GetByTestId("close-message-details").ClickAsync();
        await Assertions.Expect(view.GetByTestId("message-details")).ToHaveCountAsync(0);
        await PortalNavigation.ScreenshotsAsync(view, "13-message-view-dark");

        // The link from the connection page opens the view with the response id in the search box.
        await page.BringToFrontAsync();
        await page.GetByTestId("test-payload-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("messages\\?responseId=" + responseId));
        await Assertions.Expect(page.GetByTestId("filter-text")).ToHaveValueAsync(responseId);
        var linked = page.Locator($"tr:has([data-response-id='{responseId}'])");
        await Assertions.Expect(linked).ToBeVisibleAsync();
        await Assertions.Expect(linked.Locator("[data-response-id]")).ToHaveAttributeAsync("data-highlight", "true");
        await Assertions.Expect(page.Locator("[data-response-id]")).ToHaveCountAsync(1);
        await Assertions.Expect(linked.GetByTestId("message-direction")).ToBeVisibleAsync();
        await PortalNavigation.ScreenshotsAsync(page, "14-message-view-from-link");

        // The grid fits a 1360 px window: no horizontal scrolling, and the last column ends inside the grid.
        var overflow = await page.EvaluateAsync<int>(
            "() => { const t = document.querySelector('[data-testid=messages-grid] .mud-table-container'); return t.scrollWidth - t.clientWidth; }");
        Assert.True(overflow <= 0, $"The message grid overflows its box by {overflow} px at 1360 px wide.");
    }

    /// <summary>A connection written straight into the portal's SQLite file, as if saved through the wizard.</summary>
    internal static void AddConnection(PortalProcess portal, string name)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(portal.DataDirectory, "portal.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO Connections (Name, NormalizedName, InstanceUrl, TimeZone, Environment, AuthMode, Tables,
                OutboundRateLimitPeriod, Status, CreatedAt, CreatedBy, UpdatedAt, UpdatedBy)
            VALUES ($name, upper($name), 'https://acme.service-now.com/', 'UTC', 'Production', 'Basic', 'incident,problem', 'Hour', 'Active',
                '2026-11-21 10:00:00', 'test', '2026-11-21 10:00:00', 'test')
            """;
        command.Parameters.AddWithValue("$name", name);
        command.ExecuteNonQuery();
    }
}
