using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.UserDirectory;

// Imports every sys_user row of a freshly started sandbox into a fresh database (a SQLite file, or a new database on the
// PostgreSQL server of SNCP_BENCH_POSTGRES, default the local test server) with the portal's importer, then changes
// 100 users on the sandbox and runs an incremental import, then a second full import. Prints wall time, users/s and
// peak working set.
// Usage: UserImportBench [extra users=100000] [page size=1000] [Sqlite|Postgres]
var extraUsers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var pageSize = args.Length > 1 ? args[1] : "1000";
var provider = args.Length > 2 ? args[2] : DatabaseProviders.Sqlite;
var postgres = new Npgsql.NpgsqlConnectionStringBuilder(
    Environment.GetEnvironmentVariable("SNCP_BENCH_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=portal;Password=portal;Database=postgres");
var serverDatabase = postgres.Database;
postgres.Database = $"sncp_bench_{Guid.NewGuid():N}";
var folder = Path.Combine(Path.GetTempPath(), "sncp-user-import-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);

await using var sandbox = await SandboxProcess.StartAsync(new Dictionary<string, string> { ["ExtraUsers"] = extraUsers.ToString(CultureInfo.InvariantCulture) });
var builder = Host.CreateApplicationBuilder();
builder.Configuration["Database:Provider"] = provider;
builder.Configuration["Database:SqlitePath"] = Path.Combine(folder, "portal.db");
builder.Configuration["Database:ConnectionString"] = postgres.ToString();
builder.Configuration["Directory:ImportPageSize"] = pageSize;
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddPortalData();
builder.Services.AddServiceNowClient();
// The sandbox listens on 127.0.0.1, which outbound calls may reach only when allowed (as the portal's Connections:AllowedPrivateHosts does).
builder.Services.Configure<SnConnectPortal.ServiceNow.Network.OutboundDestinationOptions>(o => o.AllowedPrivateHosts.Add(sandbox.BaseUrl.Host));
builder.Services.AddOptions<DirectoryOptions>().BindConfiguration(DirectoryOptions.SectionName);
builder.Services.AddSingleton<UserImporter>();
using var host = builder.Build();
await host.StartAsync();

var db = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
var importer = host.Services.GetRequiredService<UserImporter>();
var settings = new ServiceNowConnectionSettings { InstanceUrl = sandbox.BaseUrl, UserName = "snc.integration", Password = "snc-integration-pw" };
long connectionId;
await using (var context = await db.CreateDbContextAsync())
{
    var connection = new Connection
    {
        Name = "Bench", NormalizedName = "BENCH", InstanceUrl = sandbox.BaseUrl.AbsoluteUri, TimeZone = "UTC", Environment = "Test",
        AuthMode = "Basic", Tables = "incident", Status = ConnectionStatus.Verified, CreatedBy = "bench", UpdatedBy = "bench",
        CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
    };
    context.Connections.Add(connection);
    await context.SaveChangesAsync();
    connectionId = connection.Id;
}

Console.WriteLine($"sandbox: {extraUsers:N0} extra users; page size {pageSize}; {Environment.ProcessorCount} cores; " +
    (DatabaseProviders.IsPostgres(provider) ? $"PostgreSQL database {postgres.Database} on {postgres.Host}" : $"SQLite at {folder}"));
var full = await RunAsync(UserImportKind.Full, null);
Console.WriteLine($"full import: {full.Progress.Processed:N0} users ({full.Progress.New:N0} new) in {full.Elapsed.TotalSeconds:0.00} s = {full.Progress.Processed / full.Elapsed.TotalSeconds:N0} users/s; status {full.Progress.Status}");
Console.WriteLine($"peak working set after the full import: {Environment.WorkingSet / 1048576.0:N0} MB now, {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MB peak");

// 100 users change on the instance.
List<string> changed;
await using (var context = await db.CreateDbContextAsync())
{
    changed = await context.ServiceNowUsers.Where(u => u.ConnectionId == connectionId).OrderBy(u => u.Id).Select(u => u.SysId).Take(100).ToListAsync();
}

using (var admin = new HttpClient { BaseAddress = sandbox.BaseUrl })
{
    admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:admin")));
    admin.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    foreach (var sysId in changed)
    {
        using var response = await admin.PatchAsJsonAsync($"api/now/table/sys_user/{sysId}", new { title = "Bench changed" });
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"PATCH {sysId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}

DateTime? since;
await using (var context = await db.CreateDbContextAsync())
{
    since = await context.UserImportRuns.Where(r => r.Id == full.RunId).Select(r => r.HighWaterMark).SingleAsync();
}

var incremental = await RunAsync(UserImportKind.Incremental, since);
Console.WriteLine($"incremental import after 100 changes: {incremental.Progress.Processed:N0} users read, {incremental.Progress.Updated:N0} updated in {incremental.Elapsed.TotalSeconds:0.000} s; status {incremental.Progress.Status}");

// A second full import: 100 users changed since the first, every other one is only seen again.
var again = await RunAsync(UserImportKind.Full, null);
Console.WriteLine($"second full import: {again.Progress.Processed:N0} users read, {again.Progress.Updated:N0} updated in {again.Elapsed.TotalSeconds:0.00} s = {again.Progress.Processed / again.Elapsed.TotalSeconds:N0} users/s; status {again.Progress.Status}");
Console.WriteLine($"peak working set of the importing process: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MB");

await host.StopAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
Directory.Delete(folder, recursive: true);
if (DatabaseProviders.IsPostgres(provider))
{
    Npgsql.NpgsqlConnection.ClearAllPools();
    await using var server = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(postgres.ToString()) { Database = serverDatabase }.ToString());
    await server.OpenAsync();
    await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgres.Database}\" WITH (FORCE)", server);
    try
    {
        await drop.ExecuteNonQueryAsync();
    }
    catch (Npgsql.PostgresException e)
    {
        // Seen on the shared machine when a session of another role is connected to the database: drop it by hand.
        Console.WriteLine($"could not drop the benchmark database {postgres.Database}: {e.MessageText}");
    }
}
return new[] { full, incremental, again }.All(r => r.Progress.Status == UserImportStatus.Completed) ? 0 : 1;

async Task<(long RunId, UserImportProgress Progress, TimeSpan Elapsed)> RunAsync(UserImportKind kind, DateTime? since)
{
    long runId;
    await using (var context = await db.CreateDbContextAsync())
    {
        var run = new UserImportRun
        {
            ConnectionId = connectionId, Kind = kind, Status = UserImportStatus.Running, StartedBy = "bench",
            StartedAt = DateTime.UtcNow, HeartbeatAt = DateTime.UtcNow, Since = since, CursorPhase = UserImportCursor.After, CursorUpdatedOn = since,
        };
        context.UserImportRuns.Add(run);
        await context.SaveChangesAsync();
        runId = run.Id;
    }

    var clock = Stopwatch.StartNew();
    var progress = await importer.RunAsync(runId, settings, null, CancellationToken.None, CancellationToken.None);
    return (runId, progress, clock.Elapsed);
}
