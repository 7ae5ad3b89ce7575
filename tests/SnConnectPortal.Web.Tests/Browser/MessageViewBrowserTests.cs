using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
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
        await using var portal = await InboundPortalProcess.StartAsync();
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(portal.BaseUrl);

        await page.GotoAsync("/setup");
        await page.FillAsync("#email", "ada@example.com");
        await page.FillAsync("#password", "ada-admin-password");
        await page.FillAsync("#confirmPassword", "ada-admin-password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Connections");
        var connectionId = portal.AddConnection("Acme Production");

        // The receiver panel: generate the password (shown once).
        await page.GotoAsync($"/connections/{connectionId}/inbound");
        await WaitForInteractivityAsync(page);
        await Assertions.Expect(page.GetByTestId("inbound-not-set-up")).ToBeVisibleAsync();
        await page.GetByTestId("generate-password").ClickAsync();
        await Assertions.Expect(page.GetByTestId("new-password")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("receiver-url")).ToContainTextAsync("/api/inbound/");
        await Assertions.Expect(page.GetByTestId("setup-kit")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "10-receiver-panel-new-password");

        // A second tab with the message view open, live.
        var view = await page.Context.NewPageAsync();
        await view.GotoAsync("/messages");
        await WaitForInteractivityAsync(view);
        await Assertions.Expect(view.GetByTestId("messages-grid")).ToContainTextAsync("No messages match these filters.");

        // The test payload: 202 and a response id, over HTTP to the portal's own receiver.
        await page.BringToFrontAsync();
        await page.GetByTestId("send-test-payload").ClickAsync();
        await Assertions.Expect(page.GetByTestId("test-payload-result")).ToContainTextAsync("202 Accepted · response id ");
        var result = await page.GetByTestId("test-payload-result").InnerTextAsync();
        var responseId = result[(result.LastIndexOf(' ') + 1)..].Trim();
        await BrowserSession.ScreenshotAsync(page, "11-test-payload-202");

        // The row appears in the open view without a reload.
        await Assertions.Expect(view.Locator($"tr[data-response-id='{responseId}']")).ToBeVisibleAsync();
        await view.BringToFrontAsync();
        await BrowserSession.ScreenshotAsync(view, "12-message-view-live-row");

        // Filters: a text that matches nothing, then the response id.
        await view.GetByTestId("filter-text").FillAsync("NO-SUCH-NUMBER");
        await view.GetByTestId("filter-text").PressAsync("Enter");
        await Assertions.Expect(view.Locator($"tr[data-response-id='{responseId}']")).ToHaveCountAsync(0);
        await view.GetByTestId("filter-text").FillAsync("TEST000");
        await view.GetByTestId("filter-text").PressAsync("Enter");
        await Assertions.Expect(view.Locator($"tr[data-response-id='{responseId}']")).ToBeVisibleAsync();

        // Details: redacted headers, pretty payload, timeline.
        await view.Locator($"tr[data-response-id='{responseId}']").ClickAsync();
        await Assertions.Expect(view.GetByTestId("message-payload")).ToContainTextAsync("\"number\": \"TEST0000001\"");
        await Assertions.Expect(view.GetByTestId("message-headers")).ToContainTextAsync("redacted");
        await Assertions.Expect(view.GetByTestId("message-timeline")).ToContainTextAsync("Stored durably");
        await BrowserSession.ScreenshotAsync(view, "13-message-details");

        // The link from the connection page opens the view with the response id in the search box.
        await page.BringToFrontAsync();
        await page.GetByTestId("test-payload-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("messages\\?responseId=" + responseId));
        await Assertions.Expect(page.GetByTestId("filter-text")).ToHaveValueAsync(responseId);
        var linked = page.Locator($"tr[data-response-id='{responseId}']");
        await Assertions.Expect(linked).ToBeVisibleAsync();
        await Assertions.Expect(linked).ToHaveAttributeAsync("data-highlight", "true");
        await Assertions.Expect(page.Locator("tr[data-response-id]")).ToHaveCountAsync(1);
        await Assertions.Expect(linked.GetByTestId("message-direction")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "14-message-view-from-link");

        // The grid fits a 1360 px window: no horizontal scrolling, and the last column ends inside the grid.
        var overflow = await page.EvaluateAsync<int>(
            "() => { const t = document.querySelector('[data-testid=messages-grid] .rz-data-grid-data'); return t.scrollWidth - t.clientWidth; }");
        Assert.True(overflow <= 0, $"The message grid overflows its box by {overflow} px at 1360 px wide.");
    }

    private static Task WaitForInteractivityAsync(IPage page) =>
        Assertions.Expect(page.Locator(".portal-layout[data-interactive=true]")).ToHaveCountAsync(1);

    /// <summary>The built portal as its own process, on a free port, with a SQLite file the test can also write to.</summary>
    private sealed class InboundPortalProcess : IAsyncDisposable
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly string _directory;

        private InboundPortalProcess(Process process, Uri baseUrl, string directory)
        {
            _process = process;
            BaseUrl = baseUrl;
            _directory = directory;
        }

        public Uri BaseUrl { get; }

        private string DatabasePath => Path.Combine(_directory, "portal.db");

        public static async Task<InboundPortalProcess> StartAsync()
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var dll = Path.Combine(PortalProcess.RepositoryRoot(), "src", "SnConnectPortal.Web", "bin", configuration, "net10.0", "SnConnectPortal.Web.dll");
            Assert.True(File.Exists(dll), $"The portal is not built: {dll}");
            var directory = Path.Combine(Path.GetTempPath(), "sncp-browser-tests", Guid.NewGuid().ToString("N"));
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var baseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
            listener.Stop();

            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { dll, "--urls", baseUrl.ToString().TrimEnd('/'), $"--Database:SqlitePath={Path.Combine(directory, "portal.db")}", "--Logging:Console:FormatterName=simple" })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            var portal = new InboundPortalProcess(Process.Start(start)!, baseUrl, directory);
            portal._process.OutputDataReceived += (_, e) => portal.Append(e.Data);
            portal._process.ErrorDataReceived += (_, e) => portal.Append(e.Data);
            portal._process.BeginOutputReadLine();
            portal._process.BeginErrorReadLine();
            using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                Assert.False(portal._process.HasExited, "The portal exited:\n" + portal.Output);
                try
                {
                    using var response = await http.GetAsync(new Uri("health/ready", UriKind.Relative));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return portal;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                Assert.True(DateTime.UtcNow < deadline, "The portal did not become ready:\n" + portal.Output);
                await Task.Delay(PollInterval);
            }
        }

        public long AddConnection(string name)
        {
            using var connection = new SqliteConnection($"Data Source={DatabasePath}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO Connections (Name, NormalizedName, InstanceUrl, TimeZone, Environment, AuthMode, Tables,
                    OutboundRateLimitPerMinute, UrgencyThreshold, Status, CreatedAt, CreatedBy, UpdatedAt, UpdatedBy)
                VALUES ($name, upper($name), 'https://acme.service-now.com/', 'UTC', 'Production', 'Basic', 'incident,problem', 60, 0, 'Active',
                    '2026-11-21 10:00:00', 'test', '2026-11-21 10:00:00', 'test')
                RETURNING Id
                """;
            command.Parameters.AddWithValue("$name", name);
            return (long)command.ExecuteScalar()!;
        }

        private string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }
}
