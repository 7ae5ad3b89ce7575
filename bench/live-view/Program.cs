// Live-view benchmark (issues 8 and 19): how long after its 202 a message shows up in open message views.
// Starts the built portal on a fresh SQLite file, signs in with headless Debian Chromium, opens /messages <views>
// times, each in its own browser context (one unfiltered, the others filtered on the sampled messages' number
// prefix), posts <rate> messages/s for <seconds> s to the receiver with Basic auth, and compares, per response id, the
// client's 202 time with the time a MutationObserver in each page saw the row (both on this machine's wall clock).
// Every <sampleEvery>-th message is a sample whose number starts with SMP; a filtered page shows every sample, the
// unfiltered page only the newest 50 rows per refresh. Usage: LiveViewBench <portal dll> [seconds=20] [rate=500]
// [sampleEvery=20] [views=2]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

var dll = Path.GetFullPath(args[0]);
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var rate = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 500;
var sampleEvery = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
var views = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 2;

var work = Directory.CreateTempSubdirectory("sncp-live-view-");
var database = Path.Combine(work.FullName, "portal.db");
int port;
using (var listener = new TcpListener(IPAddress.Loopback, 0))
{
    listener.Start();
    port = ((IPEndPoint)listener.LocalEndpoint).Port;
}

var baseUrl = new Uri($"http://127.0.0.1:{port}/");
var log = new StringBuilder();
// Development only so that the build output serves its static web assets (blazor.web.js, MudBlazor) as the browser
// tests do; logging at Warning so that console output costs nothing.
var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
foreach (var a in new[] { dll, "--urls", baseUrl.ToString().TrimEnd('/'), $"--Database:SqlitePath={database}", "--Inbound:DefaultRateLimitPerSecond=100000",
             "--Logging:LogLevel:Default=Warning", "--Logging:Console:FormatterName=simple" })
{
    start.ArgumentList.Add(a);
}

start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
using var portal = Process.Start(start)!;
portal.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
portal.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
portal.BeginOutputReadLine();
portal.BeginErrorReadLine();
try
{
    using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    using var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    await WaitReadyAsync(http, portal, log);

    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("SNCP_CHROMIUM") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    var contextOptions = new BrowserNewContextOptions { BaseURL = baseUrl.ToString(), ViewportSize = new ViewportSize { Width = 1360, Height = 860 } };
    var first = await browser.NewContextAsync(contextOptions);
    first.SetDefaultTimeout(30_000);
    var all = await first.NewPageAsync();
    await all.GotoAsync("/setup");
    await all.FillAsync("#email", "bench@example.com");
    await all.FillAsync("#password", "bench-admin-password");
    await all.FillAsync("#confirmPassword", "bench-admin-password");
    await all.ClickAsync("button[type=submit]");
    await Assertions.Expect(all.Locator("h1")).ToHaveTextAsync("Dashboard");

    var (key, user, password) = AddConnectionAndReceiver(database);

    contextOptions.StorageState = await first.StorageStateAsync();
    var filtered = new List<IPage>();
    for (var v = 1; v < views; v++)
    {
        var context = await browser.NewContextAsync(contextOptions);
        context.SetDefaultTimeout(60_000);
        filtered.Add(await context.NewPageAsync());
    }

    var samples = filtered[0];
    IPage[] pages = [all, .. filtered];
    foreach (var page in pages)
    {
        await page.GotoAsync("/messages");
        await Assertions.Expect(page.Locator(".portal-layout[data-interactive=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("messages-grid")).ToContainTextAsync("No messages match these filters.");
    }

    foreach (var page in filtered)
    {
        await page.GetByTestId("filter-text").FillAsync("SMP");
        await page.GetByTestId("filter-text").PressAsync("Enter");
    }

    foreach (var page in pages)
    {
        await page.EvaluateAsync("""
            () => {
              window.__seen = {};
              const record = () => {
                const t = performance.timeOrigin + performance.now();
                for (const tr of document.querySelectorAll('[data-response-id]')) {
                  const id = tr.getAttribute('data-response-id');
                  if (!(id in window.__seen)) window.__seen[id] = t;
                }
              };
              new MutationObserver(record).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-response-id'] });
            }
            """);
    }

    // Warm-up (JIT, the verified-credential cache, SQLite pages), as a receiver in steady use would be; these
    // messages are not counted.
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
    for (var w = 0; w < 50; w++)
    {
        using var warm = new StringContent("""{"table":"incident","record":{"number":"WRM0000001"}}""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri($"api/inbound/{key}", UriKind.Relative), warm);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Warm-up post answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    await Task.Delay(TimeSpan.FromSeconds(1));
    foreach (var page in pages)
    {
        await page.EvaluateAsync("() => { window.__seen = {}; }");
    }

    // Where the unfiltered and the first filtered page's renderers spend their time during the load (Chrome DevTools
    // Protocol performance metrics).
    var metrics = new List<(ICDPSession Session, Dictionary<string, double> Before)>();
    foreach (var page in new[] { all, samples })
    {
        var session = await page.Context.NewCDPSessionAsync(page);
        await session.SendAsync("Performance.enable");
        metrics.Add((session, await MetricsAsync(session)));
    }

    var profile = Environment.GetEnvironmentVariable("SNCP_BENCH_JS_PROFILE"); // the filtered page's JavaScript CPU profile (.cpuprofile)
    if (profile is not null)
    {
        await metrics[1].Session.SendAsync("Profiler.enable");
        await metrics[1].Session.SendAsync("Profiler.start");
    }

    // Load: paced at <rate>/s (every 5 ms, send what is due), each request on its own task.
    var acked = new ConcurrentDictionary<string, (double At, bool Sample)>();
    var latencies = new ConcurrentBag<double>();
    var failures = 0;
    var total = seconds * rate;
    var pending = new List<Task>(total);
    var filler = new string('x', 700);
    var clock = Stopwatch.StartNew();
    using (var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5)))
    {
        var sent = 0;
        while (sent < total && await timer.WaitForNextTickAsync())
        {
            var due = Math.Min(total, (int)(clock.Elapsed.TotalSeconds * rate));
            for (; sent < due; sent++)
            {
                pending.Add(PostAsync(sent));
            }
        }
    }

    var sendSeconds = clock.Elapsed.TotalSeconds;
    if (profile is not null)
    {
        var stopped = await metrics[1].Session.SendAsync("Profiler.stop");
        await File.WriteAllTextAsync(profile, stopped!.Value.GetProperty("profile").GetRawText());
    }

    var renderer = new List<string>();
    foreach (var (session, before) in metrics)
    {
        var after = await MetricsAsync(session);
        double Delta(string name) => after.GetValueOrDefault(name) - before.GetValueOrDefault(name);
        renderer.Add(string.Create(CultureInfo.InvariantCulture,
            $"task {Delta("TaskDuration"):F1} s (script {Delta("ScriptDuration"):F1} s, style {Delta("RecalcStyleDuration"):F1} s in {Delta("RecalcStyleCount"):N0}, layout {Delta("LayoutDuration"):F1} s in {Delta("LayoutCount"):N0}); {after.GetValueOrDefault("Nodes"):N0} DOM nodes at the end"));
    }
    await Task.WhenAll(pending);
    await Task.Delay(TimeSpan.FromSeconds(3)); // the last refreshes

    var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"posted {total:N0} in {sendSeconds:F1} s ({total / sendSeconds:N0}/s offered), 202: {acked.Count:N0}, failed: {failures}; 202 latency p50 {P(latencies.ToArray(), 0.5):F1} ms p99 {P(latencies.ToArray(), 0.99):F1} ms"));
    await ReportAsync([all], "unfiltered view (newest 50 per refresh)", sampleOnly: false);
    Console.WriteLine($"  renderer during the load: {renderer[0]}");
    await ReportAsync(filtered, $"{filtered.Count} filtered view(s) \"SMP\" (every {sampleEvery}th message), together", sampleOnly: true);
    Console.WriteLine($"  renderer of the first during the load: {renderer[1]}");
    Console.WriteLine($"load average at the end: {string.Join(' ', load)}");
    return 0;

    async Task PostAsync(int n)
    {
        var sample = n % sampleEvery == 0;
        var number = string.Create(CultureInfo.InvariantCulture, $"{(sample ? "SMP" : "INC")}{n:D7}");
        var body = $$$"""{"table":"incident","sys_id":"{{{n:x32}}}","event":"insert","record":{"number":"{{{number}}}","correlation_id":"live-{{{n}}}","short_description":"Live view benchmark","description":"{{{filler}}}"}}""";
        var sentAt = clock.Elapsed.TotalMilliseconds;
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri($"api/inbound/{key}", UriKind.Relative), content);
            var now = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                Interlocked.Increment(ref failures);
                return;
            }

            latencies.Add(clock.Elapsed.TotalMilliseconds - sentAt);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            acked[json.RootElement.GetProperty("responseId").GetString()!] = (now, sample);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref failures);
        }
    }

    static async Task<Dictionary<string, double>> MetricsAsync(ICDPSession session)
    {
        var result = await session.SendAsync("Performance.getMetrics");
        return result!.Value.GetProperty("metrics").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
    }

    async Task ReportAsync(IReadOnlyList<IPage> reported, string name, bool sampleOnly)
    {
        var seen = new List<KeyValuePair<string, double>>();
        foreach (var page in reported)
        {
            seen.AddRange(await page.EvaluateAsync<Dictionary<string, double>>("() => window.__seen"));
        }

        var expected = acked.Count(a => !sampleOnly || a.Value.Sample) * reported.Count;
        var pairs = seen.Where(s => acked.ContainsKey(s.Key)).Select(s => (Acked: acked[s.Key].At, Delay: s.Value - acked[s.Key].At)).ToArray();
        var delays = pairs.Select(p => p.Delay).ToArray();
        Array.Sort(delays);
        var origin = acked.Values.Min(a => a.At);
        var windows = pairs.GroupBy(p => (int)((p.Acked - origin) / 5000)).OrderBy(g => g.Key)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key * 5}-{g.Key * 5 + 5} s: {P(g.Select(p => p.Delay).ToArray(), 0.95):F0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: rows seen {delays.Length:N0} of {expected:N0} acknowledged; 202 -> row visible p50 {P(delays, 0.5):F0} ms  p95 {P(delays, 0.95):F0} ms  max {(delays.Length > 0 ? delays[^1] : double.NaN):F0} ms  min {(delays.Length > 0 ? delays[0] : double.NaN):F0} ms"));
        Console.WriteLine($"  p95 (ms) by 5-s window of the 202: {string.Join("; ", windows)}");
    }
}
finally
{
    if (!portal.HasExited)
    {
        portal.Kill(entireProcessTree: true);
        await portal.WaitForExitAsync();
    }

    if (portal.ExitCode != 0 && portal.ExitCode != 137 && portal.ExitCode != -1)
    {
        lock (log)
        {
            Console.Error.WriteLine(log.ToString());
        }
    }

    SqliteConnection.ClearAllPools();
    work.Delete(recursive: true);
}

static double P(double[] sorted, double p)
{
    if (sorted.Length == 0)
    {
        return double.NaN;
    }

    Array.Sort(sorted);
    return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

static async Task WaitReadyAsync(HttpClient http, Process portal, StringBuilder log)
{
    var deadline = Stopwatch.StartNew();
    while (true)
    {
        if (portal.HasExited)
        {
            throw new InvalidOperationException("The portal exited:\n" + log);
        }

        try
        {
            using var response = await http.GetAsync(new Uri("health/ready", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
        }

        if (deadline.Elapsed > TimeSpan.FromSeconds(90))
        {
            throw new TimeoutException("The portal did not become ready:\n" + log);
        }

        await Task.Delay(200);
    }
}

// A connection and its receiver credentials, the password hashed as the portal's "Generate new password" stores it.
static (string Key, string User, string Password) AddConnectionAndReceiver(string database)
{
    var key = "live" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
    var user = "bench.inbound";
    var password = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + "-Aa1";
    var hash = new PasswordHasher<object>().HashPassword(new object(), password);
    using var connection = new SqliteConnection($"Data Source={database}");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = """
        INSERT INTO Connections (Name, NormalizedName, InstanceUrl, TimeZone, Environment, AuthMode, Tables,
            OutboundRateLimitPeriod, Status, CreatedAt, CreatedBy, UpdatedAt, UpdatedBy)
        VALUES ('Live bench', 'LIVE BENCH', 'https://bench.service-now.com/', 'UTC', 'Test', 'Basic', 'incident', 'Hour', 'Active',
            '2026-11-21 00:00:00', 'bench', '2026-11-21 00:00:00', 'bench');
        INSERT INTO InboundEndpoints (ConnectionId, ConnectionKey, UserName, PasswordHash, PasswordSetAt, PasswordSetBy, CreatedAt)
        VALUES (last_insert_rowid(), $key, $user, $hash, '2026-11-21 00:00:00', 'bench', '2026-11-21 00:00:00');
        """;
    command.Parameters.AddWithValue("$key", key);
    command.Parameters.AddWithValue("$user", user);
    command.Parameters.AddWithValue("$hash", hash);
    command.ExecuteNonQuery();
    return (key, user, password);
}
