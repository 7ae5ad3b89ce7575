using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SnConnectPortal.Data;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.ApiKeys;
using SnConnectPortal.Web.Features.Connections;
using SnConnectPortal.Web.Features.Inbound;

// Multi-node benchmark (issue 18): ingest and outbound throughput with 1, 2 and 3 portal nodes (the publish output in
// Production, one process each) on one PostgreSQL database, behind nginx with the shipped configuration, and the share
// of the machine's busy CPU time that PostgreSQL, the nodes and nginx took in each.
// - ingest: wrk (2 threads, 64 connections) posts ~1 KB messages to the inbound receiver through nginx for <seconds>;
// - outbound: <events> incident create events through nginx's /api/events, delivered to the sandbox by the nodes'
//   workers, from the first POST to the last Delivered; the sandbox must hold exactly one incident per event.
// Usage: MultiNodeBench <publish folder> [node counts=1,2,3] [ingest seconds=20] [events=3000]
var publish = args[0];
var nodeCounts = (args.Length > 1 ? args[1] : "1,2,3").Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList();
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
var events = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3_000;
var server = new NpgsqlConnectionStringBuilder(
    Environment.GetEnvironmentVariable("SNCP_BENCH_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=portal;Password=portal;Database=postgres");

await using var sandbox = await SandboxProcess.StartAsync(new Dictionary<string, string> { ["RequestLogCapacity"] = "1000" });
// The seeding portal's content root (appsettings.json), which WebApplicationFactory would look for beside the solution.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SNCONNECTPORTAL_WEB", Path.Combine(RepositoryFolder.Root, "src", "SnConnectPortal.Web"));
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {File.ReadLines("/proc/meminfo").First().Split(':')[1].Trim()} memory; " +
    $"PostgreSQL {await ScalarAsync(server.ToString(), "SHOW server_version")} on 127.0.0.1; load at start {Load()}");

var results = new List<Result>();
foreach (var count in nodeCounts)
{
    results.Add(await MeasureAsync(count));
}

Console.WriteLine();
Console.WriteLine("| Nodes | Ingest (msg/s) | PostgreSQL / nodes / nginx share of busy CPU | Outbound (records/s) | PostgreSQL / nodes / nginx share of busy CPU | Load after |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var r in results)
{
    Console.WriteLine($"| {r.Nodes} | {r.IngestRate:N0} | {r.Ingest} | {r.OutboundRate:N0} | {r.Outbound} | {r.Load} |");
}

return results.All(r => r.Passed) ? 0 : 1;

async Task<Result> MeasureAsync(int count)
{
    var database = new NpgsqlConnectionStringBuilder(server.ToString()) { Database = $"sncp_bench_{Guid.NewGuid():N}" };
    await ScalarAsync(server.ToString(), $"CREATE DATABASE \"{database.Database}\"");
    var folder = Path.Combine(Path.GetTempPath(), "sncp-multinode-bench", Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(folder);
    var settings = new Dictionary<string, string>
    {
        ["Database:Provider"] = DatabaseProviders.Postgres,
        // Each node's pool within the server's max_connections (100 by default), as README "Several nodes" says.
        ["Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(database.ToString()) { MaxPoolSize = 30 }.ToString(),
        ["DataProtection:CertificatePath"] = Path.Combine(folder, "keyring-protection.pfx"),
        ["Connections:AllowedPrivateHosts:0"] = sandbox.BaseUrl.Host,
        ["Security:TrustedProxies:0"] = "127.0.0.1",
        ["Inbound:DefaultRateLimitPerSecond"] = "1000000",
        ["Outbound:DeliveriesInFlight"] = "32",
        ["Outbound:DeliveriesInFlightPerConnection"] = "32",
        ["Outbound:PollIntervalMilliseconds"] = "100",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    Seeded seeded;
    await using (var seeding = new SeedingPortal(settings))
    {
        seeded = await seeding.SeedAsync(sandbox.BaseUrl);
    }

    var nodes = new List<NodeProcess>();
    try
    {
        foreach (var _ in Enumerable.Range(0, count))
        {
            nodes.Add(await NodeProcess.StartAsync(publish, settings));
        }

        await using var nginx = await NginxProcess.StartAsync(nodes.Select(n => n.BaseUrl).ToList());
        var processes = nodes.Select(n => n.Id).ToHashSet();
        var dbOptions = new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(database.ToString()).Options;

        // Ingest: a warm-up (JIT, the credential cache), then the measured run.
        var receiver = new Uri(nginx.BaseUrl, $"api/inbound/{seeded.InboundKey}");
        await WrkAsync(receiver, seeded, 5);
        var before = CpuSample.Take(processes);
        int storedBefore;
        await using (var db = new PortalDbContext(dbOptions))
        {
            storedBefore = await db.Messages.CountAsync();
        }

        var wrk = await WrkAsync(receiver, seeded, seconds);
        var afterIngest = CpuSample.Take(processes);
        int stored;
        await using (var db = new PortalDbContext(dbOptions))
        {
            stored = await db.Messages.CountAsync() - storedBefore;
        }

        var ingestRate = stored / wrk.Seconds;
        Console.WriteLine($"{count} node(s), ingest: {stored:N0} messages stored in {wrk.Seconds:0.0} s = {ingestRate:N0}/s (wrk: {wrk.Requests:N0} requests, " +
            $"non-2xx {wrk.Failed:N0}, p50 {wrk.P50}, p99 {wrk.P99}); {afterIngest.SharesSince(before)}");

        // Outbound.
        var prefix = $"multinode-{Guid.NewGuid():N}-";
        using var client = new HttpClient { BaseAddress = nginx.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", seeded.EventsKey);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, (events + 499) / 500), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (batch, ct) =>
        {
            var body = new
            {
                events = Enumerable.Range(batch * 500, Math.Min(500, events - (batch * 500))).Select(i => new Dictionary<string, object>
                {
                    ["id"] = prefix + i.ToString(CultureInfo.InvariantCulture), ["connection"] = seeded.ConnectionId, ["table"] = "incident", ["action"] = "create",
                    ["fields"] = new Dictionary<string, string> { ["short_description"] = $"Multi-node event {i}", ["urgency"] = "2", ["impact"] = "3" },
                }),
            };
            using var response = await client.PostAsJsonAsync("/api/events", body, ct);
            if ((int)response.StatusCode != 202)
            {
                throw new InvalidOperationException($"POST /api/events answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }
        });
        int delivered;
        await using (var db = new PortalDbContext(dbOptions))
        {
            while ((delivered = await db.Messages.CountAsync(m => m.EventId!.StartsWith(prefix) && m.Status == MessageStatus.Delivered)) < events
                && clock.Elapsed < TimeSpan.FromMinutes(10))
            {
                await Task.Delay(200);
            }
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var afterOutbound = CpuSample.Take(processes);
        string attempts;
        await using (var db = new PortalDbContext(dbOptions))
        {
            var outcomes = await db.MessageAttempts.Where(a => db.Messages.Any(m => m.Id == a.MessageId && m.EventId!.StartsWith(prefix)))
                .GroupBy(a => a.Outcome).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            attempts = string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Count:N0}"));
        }

        var incidents = await IncidentsAsync(prefix);
        var outboundRate = delivered / elapsed;
        var passed = delivered == events && incidents.Count == events && incidents.Distinct().Count() == events;
        Console.WriteLine($"{count} node(s), outbound: {delivered:N0}/{events:N0} Delivered in {elapsed:0.0} s = {outboundRate:N0} records/s; incidents {incidents.Count:N0}, " +
            $"distinct {incidents.Distinct().Count():N0} => {(passed ? "exactly once" : "FAIL")}; attempts: {attempts}; {afterOutbound.SharesSince(afterIngest)}");
        return new Result(count, ingestRate, afterIngest.SharesSince(before).ToString(), outboundRate, afterOutbound.SharesSince(afterIngest).ToString(), Load(), passed);
    }
    finally
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await ScalarAsync(server.ToString(), $"DROP DATABASE IF EXISTS \"{database.Database}\" WITH (FORCE)");
        Directory.Delete(folder, recursive: true);
    }
}

async Task<List<string?>> IncidentsAsync(string prefix)
{
    using var admin = new HttpClient { BaseAddress = sandbox.BaseUrl };
    admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:admin"u8.ToArray()));
    admin.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    List<string?> ids = [];
    for (var offset = 0; ; offset += 5000)
    {
        var page = await admin.GetFromJsonAsync<JsonElement>(
            $"api/now/table/incident?sysparm_query=correlation_idSTARTSWITH{prefix}&sysparm_fields=correlation_id&sysparm_limit=5000&sysparm_offset={offset}");
        var rows = page.GetProperty("result");
        ids.AddRange(rows.EnumerateArray().Select(r => r.GetProperty("correlation_id").GetString()));
        if (rows.GetArrayLength() < 5000)
        {
            return ids;
        }
    }
}

static async Task<Wrk> WrkAsync(Uri url, Seeded seeded, int seconds)
{
    var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var argument in new[] { "-t2", "-c64", $"-d{seconds}s", "--timeout", "10s", "--latency", "-s", Path.Combine(RepositoryFolder.Root, "bench", "ingest", "post.lua"), url.ToString() })
    {
        start.ArgumentList.Add(argument);
    }

    start.Environment["BENCH_USER"] = seeded.InboundUser;
    start.Environment["BENCH_PASSWORD"] = seeded.InboundPassword;
    using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
    var output = await wrk.StandardOutput.ReadToEndAsync();
    await wrk.WaitForExitAsync();
    var requests = Regex.Match(output, @"(\d+) requests in ([\d.]+)(ms|s|m)");
    var failed = Regex.Match(output, @"Non-2xx or 3xx responses: (\d+)");
    string Latency(string label) => Regex.Match(output, $@"^\s*{label}\s+(\S+)", RegexOptions.Multiline).Groups[1].Value;
    var elapsed = double.Parse(requests.Groups[2].Value, CultureInfo.InvariantCulture) * requests.Groups[3].Value switch { "ms" => 0.001, "m" => 60, _ => 1 };
    return new Wrk(int.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture), failed.Success ? int.Parse(failed.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
        elapsed, Latency("50%"), Latency("99%"));
}

static async Task<object?> ScalarAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    return await command.ExecuteScalarAsync();
}

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

internal sealed record Result(int Nodes, double IngestRate, string Ingest, double OutboundRate, string Outbound, string Load, bool Passed);

internal sealed record Wrk(int Requests, int Failed, double Seconds, string P50, string P99);

internal sealed record Seeded(long ConnectionId, string EventsKey, string InboundKey, string InboundUser, string InboundPassword);

/// <summary>
/// The machine's busy CPU time (all cores, in clock ticks, from /proc/stat) and the part of it that PostgreSQL's
/// processes, the portal nodes and nginx used (from /proc/PID/stat), at one moment.
/// </summary>
internal sealed record CpuSample(long Busy, long Postgres, long Nodes, long Nginx)
{
    public static CpuSample Take(IReadOnlySet<int> nodes)
    {
        var total = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var busy = total[0] + total[1] + total[2] + total[5] + total[6] + total[7]; // user nice system irq softirq steal
        long postgres = 0, portal = 0, nginx = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (IOException)
            {
                continue; // The process ended meanwhile.
            }

            var name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..stat.LastIndexOf(')')];
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var used = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime stime
            if (nodes.Contains(int.Parse(Path.GetFileName(folder), CultureInfo.InvariantCulture)))
            {
                portal += used;
            }
            else if (name == "postgres")
            {
                postgres += used;
            }
            else if (name == "nginx")
            {
                nginx += used;
            }
        }

        return new CpuSample(busy, postgres, portal, nginx);
    }

    public Shares SharesSince(CpuSample before)
    {
        double busy = Math.Max(1, Busy - before.Busy);
        return new Shares((Postgres - before.Postgres) / busy, (Nodes - before.Nodes) / busy, (Nginx - before.Nginx) / busy);
    }
}

internal sealed record Shares(double Postgres, double Nodes, double Nginx)
{
    public override string ToString() => $"PostgreSQL {Postgres:P0} / nodes {Nodes:P0} / nginx {Nginx:P0}";
}

/// <summary>One portal node: the publish output in Production, its own process on a free loopback port.</summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private NodeProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int Id => _process.Id;

    public static async Task<NodeProcess> StartAsync(string publish, IReadOnlyDictionary<string, string> settings)
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var baseUrl = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/");
        listener.Stop();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = publish, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(publish, "SnConnectPortal.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl.ToString().TrimEnd('/'));
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(5) };
        for (var tries = 0; tries < 300; tries++)
        {
            try
            {
                using var ready = await http.GetAsync(new Uri("health/ready", UriKind.Relative));
                if (ready.IsSuccessStatusCode)
                {
                    return new NodeProcess(process, baseUrl);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        process.Kill();
        throw new InvalidOperationException($"The node at {baseUrl} did not become ready.");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

/// <summary>
/// The portal in this process, only to migrate the database and store what the nodes share as the portal stores it:
/// a connection to the sandbox (its password protected with the shared key ring), an events API key and a receiver
/// password. (Any type of the portal's assembly names its entry point.)
/// </summary>
internal sealed class SeedingPortal(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<SnConnectPortal.Web.Features.Events.EventIntake>
{
    private static readonly ClaimsPrincipal Admin = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench@example.com"), new Claim(ClaimTypes.Role, "Admin")], "bench"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        // Its first look at the empty database and its missing browser script are expected: only the nodes' errors matter.
        builder.UseSetting("Logging:LogLevel:Default", "None");
    }

    public async Task<Seeded> SeedAsync(Uri sandbox)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var connection = new Connection
        {
            Name = "Multi-node bench", NormalizedName = "MULTI-NODE BENCH", InstanceUrl = sandbox.AbsoluteUri, TimeZone = "UTC",
            Environment = "Test", AuthMode = "Basic", UserName = "snc.integration", Tables = "incident", Status = ConnectionStatus.Active,
            CreatedBy = "bench", UpdatedBy = "bench", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
        connection.Secrets.Add(new ConnectionSecret
        {
            Kind = SecretKind.Password, SetAt = DateTime.UtcNow, SetBy = "bench",
            ProtectedValue = Services.GetRequiredService<ConnectionSecretProtector>().Protect(connection.Id, SecretKind.Password, "snc-integration-pw"),
        });
        await db.SaveChangesAsync();

        var key = await Services.GetRequiredService<ApiKeyAdministration>()
            .CreateAsync(Admin, new NewApiKey { Name = "multi-node bench", Scopes = [ApiKeyScopes.EventsWrite] }, CancellationToken.None);
        var inbound = Services.GetRequiredService<InboundEndpointAdministration>();
        var password = await inbound.GeneratePasswordAsync(Admin, connection.Id, CancellationToken.None);
        var endpoint = await inbound.GetAsync(connection.Id, CancellationToken.None);
        return new Seeded(connection.Id, key.Value?.Key ?? throw new InvalidOperationException(key.ErrorText),
            endpoint!.ConnectionKey!, endpoint.UserName!, password.Value ?? throw new InvalidOperationException(password.ErrorText));
    }
}
