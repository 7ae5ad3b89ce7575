using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.ApiKeys;
using SnConnectPortal.Web.Features.Connections;

// Outbound benchmark (issue 17): events through POST /api/events, delivered by the portal's worker to the sandbox.
// 1. fault-free: <events> creates, records/s from the first POST to the last Delivered;
// 2. faults: the same number with <fault %> of creates answered 503 or 429 (Retry-After 1 s, <429 %> of all creates)
//    and <hang %> hanging after the record was made (the answer is lost; the attempt times out): every event must end
//    Delivered and the sandbox must hold exactly one incident per event id, in under 120 s;
// 3. rate limit: <rate events> creates with the connection limited to 50/s: the sandbox's request log must never show
//    more than 50 creates in one second.
// Usage: OutboundBench [events=10000] [fault %=20] [429 %=0.2] [hang %=2] [rate events=1500] [Sqlite|Postgres]
// (Postgres: a fresh database on the server of SNCP_BENCH_POSTGRES, default the local test server, dropped afterwards.)
var events = Arg(0, 10_000);
var faultPercent = Arg(1, 20.0);
var rateLimitedPercent = Arg(2, 0.2);
var hangPercent = Arg(3, 2.0);
var rateEvents = Arg(4, 1_500);
var provider = args.Length > 5 ? args[5] : DatabaseProviders.Sqlite;
var postgres = new Npgsql.NpgsqlConnectionStringBuilder(
    Environment.GetEnvironmentVariable("SNCP_BENCH_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=portal;Password=portal;Database=postgres");
var serverDatabase = postgres.Database;
postgres.Database = $"sncp_bench_{Guid.NewGuid():N}";
const int Batch = 500;
var outbound = new Dictionary<string, string?>
{
    ["Outbound:DeliveriesInFlight"] = Environment.GetEnvironmentVariable("BENCH_IN_FLIGHT") ?? "32",
    ["Outbound:DeliveriesInFlightPerConnection"] = Environment.GetEnvironmentVariable("BENCH_IN_FLIGHT") ?? "32",
    ["Outbound:AttemptTimeoutSeconds"] = Environment.GetEnvironmentVariable("BENCH_ATTEMPT_TIMEOUT") ?? "2",
    ["Outbound:BackoffBaseSeconds"] = Environment.GetEnvironmentVariable("BENCH_BACKOFF_BASE") ?? "0.5",
    ["Outbound:BackoffMaxSeconds"] = "5",
    ["Outbound:MaxAttempts"] = "20",
    ["Outbound:PollIntervalMilliseconds"] = "100",
    ["Database:Provider"] = provider,
    ["Database:ConnectionString"] = postgres.ToString(),
};

var folder = Path.Combine(Path.GetTempPath(), "sncp-outbound-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
await using var sandbox = await SandboxProcess.StartAsync(new Dictionary<string, string> { ["RequestLogCapacity"] = "200000" });
// The portal's content root (wwwroot, appsettings.json), which WebApplicationFactory would look for beside the solution.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SNCONNECTPORTAL_WEB",
    Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/SnConnectPortal.Web")));
var port = FreePort();
await using var portal = new BenchPortal(folder, sandbox.BaseUrl, outbound);
portal.UseKestrel(port);
portal.StartServer();
var connectionId = await portal.CreateConnectionAsync();
var key = await portal.CreateKeyAsync();
using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load at start {Load()}; " +
    (DatabaseProviders.IsPostgres(provider) ? $"PostgreSQL database {postgres.Database}; " : $"SQLite at {folder}; ") +
    string.Join(", ", outbound.Where(o => o.Key.StartsWith("Outbound:", StringComparison.Ordinal))
        .Select(o => $"{o.Key.Replace("Outbound:", "", StringComparison.Ordinal)}={o.Value}")));

// 1. Fault-free.
await SetRateLimitAsync(perSecond: null);
var clean = await RunAsync("clean", events);
Console.WriteLine($"fault-free : {clean.Delivered:N0}/{events:N0} Delivered in {clean.Elapsed.TotalSeconds:0.0} s = {clean.Delivered / clean.Elapsed.TotalSeconds:N0} records/s " +
    $"(POSTs took {clean.Posting.TotalSeconds:0.0} s); incidents {clean.Incidents:N0}, distinct correlation ids {clean.Distinct:N0}");

// 2. Faults: the first matching rule wins, so each rule's probability is of the creates the earlier rules left.
await sandbox.ResetAsync();
var hang = hangPercent / 100;
var limited = rateLimitedPercent / 100;
var unavailable = (faultPercent - rateLimitedPercent) / 100;
await sandbox.AddFaultAsync(new { pathPrefix = "/api/now/table/incident", method = "POST", hang = true, afterProcessing = true, probability = hang });
await sandbox.AddFaultAsync(new { pathPrefix = "/api/now/table/incident", method = "POST", status = 429, retryAfterSeconds = 1, probability = limited / (1 - hang) });
await sandbox.AddFaultAsync(new { pathPrefix = "/api/now/table/incident", method = "POST", status = 503, probability = unavailable / (1 - hang - limited) });
var faulty = await RunAsync("faults", events);
var counters = await sandbox.Control.GetFromJsonAsync<JsonElement>("sandbox/counters");
var byStatus = counters.GetProperty("byStatus");
long Count(string status) => byStatus.TryGetProperty(status, out var n) ? n.GetInt64() : 0;
var passed = faulty.Delivered == events && faulty.Incidents == events && faulty.Distinct == events && faulty.Elapsed < TimeSpan.FromSeconds(120);
Console.WriteLine($"with faults: {faulty.Delivered:N0}/{events:N0} Delivered in {faulty.Elapsed.TotalSeconds:0.0} s = {faulty.Delivered / faulty.Elapsed.TotalSeconds:N0} records/s; " +
    $"incidents {faulty.Incidents:N0}, distinct correlation ids {faulty.Distinct:N0}; the sandbox answered 503 x{Count("503"):N0}, 429 x{Count("429"):N0}, " +
    $"hung x{Count("0"):N0}; attempts {faulty.Attempts:N0} ({string.Join(", ", faulty.Outcomes.Select(o => $"{o.Key} {o.Value:N0}"))}) " +
    $"=> {(passed ? "PASS" : "FAIL")} (every event Delivered, exactly one incident each, under 120 s)");
Console.WriteLine($"load after the fault run: {Load()}");

// 3. The rate limit.
await sandbox.ResetAsync();
await SetRateLimitAsync(perSecond: 50);
var paced = await RunAsync("paced", rateEvents);
var creates = (await sandbox.GetRequestsAsync()).EnumerateArray()
    .Where(r => r.GetProperty("method").GetString() == "POST" && r.GetProperty("path").GetString() == "/api/now/table/incident")
    .Select(r => r.GetProperty("at").GetDateTimeOffset().UtcDateTime).Order().ToList();
var perSecond = creates.GroupBy(at => at.Ticks / TimeSpan.TicksPerSecond).Max(g => g.Count());
var sliding = creates.Select((at, i) => creates.Skip(i).TakeWhile(later => later - at < TimeSpan.FromSeconds(1)).Count()).Max();
Console.WriteLine($"rate limit 50/s: {paced.Delivered:N0}/{rateEvents:N0} Delivered in {paced.Elapsed.TotalSeconds:0.0} s = {paced.Delivered / paced.Elapsed.TotalSeconds:N1} records/s; " +
    $"most creates in one clock second {perSecond}, in any sliding second {sliding} => {(perSecond <= 50 ? "PASS" : "FAIL")}");

await portal.DisposeAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(folder, recursive: true);
if (DatabaseProviders.IsPostgres(provider))
{
    Npgsql.NpgsqlConnection.ClearAllPools();
    await using var server = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(postgres.ToString()) { Database = serverDatabase }.ToString());
    await server.OpenAsync();
    await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgres.Database}\" WITH (FORCE)", server);
    await drop.ExecuteNonQueryAsync();
}

return passed && perSecond <= 50 ? 0 : 1;

// Posts <count> create events in batches (two posters), then waits until each has a final status. Incidents are
// counted in the sandbox by the run's correlation id prefix.
async Task<Run> RunAsync(string name, int count)
{
    var prefix = $"bench-{name}-{Guid.NewGuid():N}-";
    var clock = Stopwatch.StartNew();
    var batches = Enumerable.Range(0, (count + Batch - 1) / Batch).Select(b => Enumerable.Range(b * Batch, Math.Min(Batch, count - b * Batch))).ToList();
    var firstId = long.MaxValue;
    await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (batch, ct) =>
    {
        var body = new { events = batch.Select(i => new Dictionary<string, object>
        {
            ["id"] = prefix + i.ToString(CultureInfo.InvariantCulture), ["connection"] = connectionId, ["table"] = "incident", ["action"] = "create",
            ["fields"] = new Dictionary<string, string> { ["short_description"] = $"Bench event {i}", ["urgency"] = "2", ["impact"] = "3" },
        }) };
        using var response = await client.PostAsJsonAsync("/api/events", body, ct);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        if ((int)response.StatusCode != 202 || answer.GetProperty("accepted").GetInt32() != batch.Count())
        {
            throw new InvalidOperationException($"POST /api/events answered {(int)response.StatusCode}: {answer}");
        }

        var lowest = answer.GetProperty("results").EnumerateArray().Min(r => r.GetProperty("messageId").GetInt64());
        InterlockedMin(ref firstId, lowest);
    });
    var posting = clock.Elapsed;
    Dictionary<MessageStatus, int> statuses;
    while (true)
    {
        await using var db = await portal.DbAsync();
        statuses = await db.Messages.Where(m => m.Id >= firstId).GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
        if (statuses.Where(s => s.Key is MessageStatus.Delivered or MessageStatus.Failed or MessageStatus.DeadLettered).Sum(s => s.Value) >= count)
        {
            break;
        }

        await Task.Delay(500);
    }

    var elapsed = clock.Elapsed;
    Dictionary<AttemptOutcome, int> outcomes;
    await using (var db = await portal.DbAsync())
    {
        outcomes = await db.MessageAttempts.Where(a => a.MessageId >= firstId).GroupBy(a => a.Outcome).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
    }

    using var admin = new HttpClient { BaseAddress = sandbox.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
    admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:admin"u8.ToArray()));
    admin.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    List<string?> ids = [];
    for (var offset = 0; ; offset += 5000)
    {
        using var page = await admin.GetAsync(
            $"api/now/table/incident?sysparm_query=correlation_idSTARTSWITH{prefix}&sysparm_fields=correlation_id&sysparm_limit=5000&sysparm_offset={offset}");
        var rows = (await page.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result");
        ids.AddRange(rows.EnumerateArray().Select(r => r.GetProperty("correlation_id").GetString()));
        if (rows.GetArrayLength() < 5000)
        {
            break;
        }
    }

    return new Run(statuses.GetValueOrDefault(MessageStatus.Delivered), elapsed, posting, ids.Count, ids.Distinct().Count(), outcomes.Values.Sum(), outcomes);
}

// The connection's outbound rate limit, N a second; null = off (as fast as the in-flight limit and the instance allow).
async Task SetRateLimitAsync(int? perSecond)
{
    await using var db = await portal.DbAsync();
    await db.Connections.Where(c => c.Id == connectionId).ExecuteUpdateAsync(set => set
        .SetProperty(c => c.OutboundRateLimit, perSecond)
        .SetProperty(c => c.OutboundRateLimitPeriod, RateLimitPeriod.Second));
}

static void InterlockedMin(ref long target, long value)
{
    long seen;
    while (value < (seen = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
    {
    }
}

T Arg<T>(int index, T fallback) where T : IParsable<T> => args.Length > index ? T.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}

internal sealed record Run(int Delivered, TimeSpan Elapsed, TimeSpan Posting, int Incidents, int Distinct, int Attempts, Dictionary<AttemptOutcome, int> Outcomes);

/// <summary>
/// The portal in this process on Kestrel (loopback), its own SQLite file, logging errors only (the client logs each 503 and timeout as a warning). (Any type of the portal's
/// assembly names its entry point; this console's own top-level Program would hide the portal's.)
/// </summary>
internal sealed class BenchPortal(string folder, Uri sandbox, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<SnConnectPortal.Web.Features.Events.EventIntake>
{
    private const string ConnectionName = "Bench outbound";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:SqlitePath", Path.Combine(folder, "portal.db"));
        builder.UseSetting("DataProtection:CertificatePath", Path.Combine(folder, "keyring.pfx"));
        builder.UseSetting("Connections:AllowedPrivateHosts:0", sandbox.Host);
        builder.UseSetting("Logging:LogLevel:Default", "Error");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task<PortalDbContext> DbAsync() => await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    /// <summary>A connection to the sandbox as the integration user, its password protected as the portal protects it.</summary>
    public async Task<long> CreateConnectionAsync()
    {
        await using var db = await DbAsync();
        var connection = new Connection
        {
            Name = ConnectionName, NormalizedName = ConnectionName.ToUpperInvariant(), InstanceUrl = sandbox.AbsoluteUri, TimeZone = "UTC",
            Environment = "Test", AuthMode = "Basic", UserName = "snc.integration", Tables = "incident",
            Status = ConnectionStatus.Active,
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
        return connection.Id;
    }

    public async Task<string> CreateKeyAsync()
    {
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench@example.com"), new Claim(ClaimTypes.Role, "Admin")], "bench"));
        var created = await Services.GetRequiredService<ApiKeyAdministration>()
            .CreateAsync(admin, new NewApiKey { Name = "outbound bench", Scopes = [ApiKeyScopes.EventsWrite] }, CancellationToken.None);
        return created.Value?.Key ?? throw new InvalidOperationException(created.ErrorText);
    }
}
