using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using SnConnectPortal.Web.Features.Inbound;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// A message carrying more attachments than fit one page: its details in the message view show them a page at a time,
/// with the range and the count, and Next/Previous move through them. Chromium against the portal process.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MessageAttachmentsBrowserTests
{
    [Fact]
    public async Task MessageWith30Attachments_DetailsShow25_ThenNextShowsTheLast5()
    {
        await using var portal = await PortalProcess.StartAsync();
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(portal.BaseUrl);
        await page.GotoAsync("/");
        await page.FillAsync("#email", "ada@example.com");
        await page.FillAsync("#password", "ada-admin-password");
        await page.FillAsync("#confirmPassword", "ada-admin-password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        var responseId = await PostMessageWithAttachmentsAsync(portal, 30);

        await PortalNavigation.OpenFromMenuAsync(page, "Messages");
        await page.Locator($"tr:has([data-response-id='{responseId}'])").ClickAsync();
        var attachments = page.GetByTestId("message-attachments").Locator("tbody tr");
        await Assertions.Expect(page.GetByTestId("attachment-range")).ToHaveTextAsync("1–25 of 30");
        await Assertions.Expect(attachments).ToHaveCountAsync(25);
        await Assertions.Expect(attachments.First).ToContainTextAsync("file-0.txt");
        await page.GetByTestId("attachments-next").ClickAsync();

        await Assertions.Expect(page.GetByTestId("attachment-range")).ToHaveTextAsync("26–30 of 30");
        await Assertions.Expect(attachments).ToHaveCountAsync(5);
        await Assertions.Expect(attachments.First).ToContainTextAsync("file-25.txt");
        await Assertions.Expect(page.GetByTestId("attachments-next")).ToBeDisabledAsync();
        await BrowserSession.ScreenshotAsync(page, "15-message-details-attachments-page-2");
    }

    /// <summary>A receiver written straight into the portal's SQLite file, then a message posted to it over HTTP.</summary>
    private static async Task<string> PostMessageWithAttachmentsAsync(PortalProcess portal, int count)
    {
        const string password = "attachments-receiver-password";
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(portal.DataDirectory, "portal.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO Connections (Name, NormalizedName, InstanceUrl, TimeZone, Environment, AuthMode, Tables,
                    OutboundRateLimitPeriod, Status, CreatedAt, CreatedBy, UpdatedAt, UpdatedBy)
                VALUES ('Acme', 'ACME', 'https://acme.service-now.com/', 'UTC', 'Production', 'Basic', 'incident', 'Hour', 'Active',
                    '2026-11-21 10:00:00', 'test', '2026-11-21 10:00:00', 'test');
                INSERT INTO InboundEndpoints (ConnectionId, ConnectionKey, UserName, PasswordHash, PasswordSetAt, PasswordSetBy, CreatedAt)
                VALUES (last_insert_rowid(), 'attachments-key', 'acme.inbound', $hash, '2026-11-21 10:00:00', 'test', '2026-11-21 10:00:00');
                """;
            command.Parameters.AddWithValue("$hash", InboundCredentials.HashPassword(password));
            await command.ExecuteNonQueryAsync();
        }

        var body = "{\"table\":\"incident\",\"record\":{\"number\":\"INC0000030\"},\"attachments\":[" +
            string.Join(',', Enumerable.Range(0, count).Select(i => $$"""{"file_name":"file-{{i}}.txt","content_type":"text/plain","size_bytes":1}""")) + "]}";
        using var http = new HttpClient { BaseAddress = portal.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/attachments-key") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("acme.inbound:" + password)));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadAsStringAsync();
        return System.Text.Json.JsonDocument.Parse(answer).RootElement.GetProperty("responseId").GetString()!;
    }
}
