// Message query benchmark (issue 8): the message view's filtered first page over 1,000,000 stored messages in the
// default SQLite configuration, through the same MessageQuery.PageAsync the page calls.
// With mode "dashboard" (bench/dashboard/run.sh) it times the home dashboard's figures instead (DashboardQueries), and
// counts the database commands 20 dashboards open for 60 s cause through the shared DashboardStatistics.
// Usage: MessageQueryBench <database file | postgres> [rows=1000000] [iterations=200] [mode=messages|dashboard]
// The file is created and migrated by the app's own migrations (WAL, as at start) and filled only when it holds
// fewer rows than asked, so a second run reuses it. "postgres": a fresh database on the local PostgreSQL server (or
// SNCP_BENCH_POSTGRES's), filled by the server itself in the same shape, and dropped afterwards.
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Dashboard;
using SnConnectPortal.Web.Features.Messages;

var postgres = args.Length > 0 && args[0] == "postgres"
    ? new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("SNCP_BENCH_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=portal;Password=portal;Database=postgres")
    : null;
var serverDatabase = postgres?.Database;
if (postgres is not null)
{
    postgres.Database = $"sncp_bench_{Guid.NewGuid():N}";
}

var path = Path.GetFullPath(args.Length > 0 && postgres is null ? args[0] : "message-query.db");
var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
var iterations = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
var dashboard = args.Length > 3 && args[3] == "dashboard";
const int Connections = 10;

var commands = new CommandCounter();
var clock = new PinnedClock();
var services = new ServiceCollection();
var databaseOptions = postgres is null
    ? new DatabaseOptions { SqlitePath = path }
    : new DatabaseOptions { Provider = DatabaseProviders.Postgres, ConnectionString = postgres.ToString() };
services.AddDbContextFactory<PortalDbContext>(o => o.UsePortalDatabase(databaseOptions, Path.GetDirectoryName(path)!).AddInterceptors(commands));
services.AddSingleton<MessageQuery>();
services.AddSingleton<TimeProvider>(clock);
services.AddSingleton<DashboardQueries>();
services.AddSingleton<DashboardStatistics>();
services.AddSingleton(Options.Create(new DashboardOptions()));
await using var provider = services.BuildServiceProvider();
var factory = provider.GetRequiredService<IDbContextFactory<PortalDbContext>>();

if (postgres is not null)
{
    await using var server = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(postgres.ToString()) { Database = serverDatabase }.ToString());
    await server.OpenAsync();
    await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{postgres.Database}\"", server);
    await create.ExecuteNonQueryAsync();
}

await using (var db = await factory.CreateDbContextAsync())
{
    if (postgres is null)
    {
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
    }

    await db.Database.MigrateAsync();
}

try
{
    // Anchor "now" at the newest stored row (or the wall clock for a fresh file), so a reused file still has a last 24 h.
    var now = DateTime.UtcNow;
    var existing = postgres is null ? Scalar(path, "SELECT count(*) FROM Messages") : 0;
    if (existing < rows)
    {
        var seed = Stopwatch.StartNew();
        if (postgres is null)
        {
            Fill(path, now, existing, rows - existing, Connections);
        }
        else
        {
            await FillPostgresAsync(postgres.ToString(), now, rows, Connections);
        }

        Console.WriteLine($"inserted {rows - existing:N0} messages in {seed.Elapsed.TotalSeconds:F1} s ({(rows - existing) / seed.Elapsed.TotalSeconds:N0} rows/s)");
    }
    else
    {
        now = DateTime.Parse(ScalarText(path, "SELECT max(ReceivedAt) FROM Messages"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }

    Console.WriteLine(postgres is null
        ? $"database: {path} ({new FileInfo(path).Length / (1024.0 * 1024):N0} MiB), {Scalar(path, "SELECT count(*) FROM Messages"):N0} messages, {Connections} connections, 30 days"
        : $"database: PostgreSQL {postgres.Database} on {postgres.Host}, {rows:N0} messages, {Connections} connections, 30 days");

    clock.Now = now;
    if (dashboard)
    {
        await TimeDashboardAsync(provider, iterations, commands, clock);
    }
    else
    {
        var query = provider.GetRequiredService<MessageQuery>();
        var since = now.AddHours(-24);
        var cases = new (string Name, MessageFilter Filter)[]
        {
            ("connection 3 + Received + last 24 h", new MessageFilter { ConnectionId = 3, Status = MessageStatus.Received, From = since }),
            ("connection 3 + Failed + last 24 h", new MessageFilter { ConnectionId = 3, Status = MessageStatus.Failed, From = since }),
            ("connection 3 + last 24 h", new MessageFilter { ConnectionId = 3, From = since }),
            ("no filter (all time)", new MessageFilter()),
        };

        foreach (var (name, filter) in cases)
        {
            var first = await query.PageAsync(filter, 0, 50, oldestFirst: false, CancellationToken.None); // warm-up, and what it returns
            var times = new double[iterations];
            for (var i = 0; i < iterations; i++)
            {
                var watch = Stopwatch.StartNew();
                await query.PageAsync(filter, 0, 50, oldestFirst: false, CancellationToken.None);
                times[i] = watch.Elapsed.TotalMilliseconds;
            }

            Array.Sort(times);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-40} rows {first.Rows.Count,2}, count {(first.CountCapped ? "10,000+" : first.Count.ToString("N0", CultureInfo.InvariantCulture)),7}: p50 {Percentile(times, 0.50):F2} ms  p95 {Percentile(times, 0.95):F2} ms  max {times[^1]:F2} ms  ({iterations} runs)"));
        }
    }
}
finally
{
    if (postgres is not null)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var server = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(postgres.ToString()) { Database = serverDatabase }.ToString());
        await server.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgres.Database}\" WITH (FORCE)", server);
        await drop.ExecuteNonQueryAsync();
    }
}

// The figures computed `iterations` times in a row, then 20 dashboards each asking every second for 60 s of (pinned,
// advanced by hand) time: the database commands they cause, against those of one computation.
static async Task TimeDashboardAsync(ServiceProvider provider, int iterations, CommandCounter commands, PinnedClock clock)
{
    var queries = provider.GetRequiredService<DashboardQueries>();
    var firstWatch = Stopwatch.StartNew();
    var first = await queries.ComputeAsync(CancellationToken.None); // reads the week's hourly counts, kept from then on
    var firstMilliseconds = firstWatch.Elapsed.TotalMilliseconds;
    var perComputation = commands.Reset();
    var times = new double[iterations];
    for (var i = 0; i < iterations; i++)
    {
        var watch = Stopwatch.StartNew();
        await queries.ComputeAsync(CancellationToken.None);
        times[i] = watch.Elapsed.TotalMilliseconds;
    }

    Array.Sort(times);
    var lastHour = first.Connections.Sum(c => c.Traffic.InPerMinute.Sum() + c.Traffic.OutPerMinute.Sum());
    var lastWeek = first.Connections.Sum(c => c.Traffic.InPerHour.Sum() + c.Traffic.OutPerHour.Sum());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"dashboard figures ({first.Connections.Count} connections, {lastHour:N0} messages in the last hour, {lastWeek:N0} in 7 days, {perComputation} commands): first {firstMilliseconds:F0} ms, then p50 {Percentile(times, 0.50):F1} ms  p95 {Percentile(times, 0.95):F1} ms  max {times[^1]:F1} ms  ({iterations} runs)"));

    var statistics = provider.GetRequiredService<DashboardStatistics>();
    commands.Reset();
    for (var second = 0; second < 60; second++)
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => statistics.GetAsync()));
        clock.Now = clock.Now.AddSeconds(1);
    }

    var total = commands.Reset();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"20 dashboards asking every second for 60 s (refresh every {statistics.RefreshInterval.TotalSeconds:0} s): {total} database commands = {(double)total / perComputation:0.#} computations"));
}

static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

static long Scalar(string path, string sql)
{
    using var connection = new SqliteConnection($"Data Source={path}");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
}

static string ScalarText(string path, string sql)
{
    using var connection = new SqliteConnection($"Data Source={path}");
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!;
}

// Prepared inserts in transactions of 50,000, oldest first (as they would have arrived), spread evenly over the
// last 30 days; statuses 70 % Received, 20 % Delivered, 5 % Failed, 3 % Retrying, 2 % DeadLettered; 1 in 4 outbound.
static void Fill(string path, DateTime now, long start, long count, int connections)
{
    using var connection = new SqliteConnection($"Data Source={path}");
    connection.Open();
    using (var pragma = connection.CreateCommand())
    {
        pragma.CommandText = "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;"; // seeding only
        pragma.ExecuteNonQuery();
    }

    using (var check = connection.CreateCommand())
    {
        check.CommandText = "SELECT count(*) FROM Connections";
        if ((long)check.ExecuteScalar()! < connections)
        {
            using var add = connection.CreateCommand();
            add.CommandText = """
                INSERT INTO Connections (Name, NormalizedName, InstanceUrl, TimeZone, Environment, AuthMode, Tables,
                    OutboundRateLimitPeriod, Status, CreatedAt, CreatedBy, UpdatedAt, UpdatedBy)
                VALUES ($name, upper($name), 'https://bench.service-now.com/', 'UTC', 'Test', 'Basic', 'incident', 'Hour', 'Active',
                    '2026-11-01 00:00:00', 'bench', '2026-11-01 00:00:00', 'bench')
                """;
            var name = add.Parameters.Add("$name", SqliteType.Text);
            for (var c = 1; c <= connections; c++)
            {
                name.Value = $"Bench {c:D2}";
                add.ExecuteNonQuery();
            }
        }
    }

    using var insert = connection.CreateCommand();
    insert.CommandText = """
        INSERT INTO Messages (ReceivedAt, ConnectionId, Direction, Status, TableName, EventName, RecordSysId, Number, CorrelationId,
            ResponseId, HttpStatus, DurationMs, Headers, Payload, PayloadBytes, RemoteAddress, AttemptCount)
        VALUES ($at, $connection, $direction, $status, 'incident', 'insert', $sysId, $number, $correlation,
            $responseId, 202, $duration, $headers, $payload, $bytes, '127.0.0.1', 0)
        """;
    var at = insert.Parameters.Add("$at", SqliteType.Text);
    var conn = insert.Parameters.Add("$connection", SqliteType.Integer);
    var direction = insert.Parameters.Add("$direction", SqliteType.Text);
    var status = insert.Parameters.Add("$status", SqliteType.Text);
    var sysId = insert.Parameters.Add("$sysId", SqliteType.Text);
    var number = insert.Parameters.Add("$number", SqliteType.Text);
    var correlation = insert.Parameters.Add("$correlation", SqliteType.Text);
    var responseId = insert.Parameters.Add("$responseId", SqliteType.Text);
    var duration = insert.Parameters.Add("$duration", SqliteType.Integer);
    var headers = insert.Parameters.Add("$headers", SqliteType.Text);
    var payload = insert.Parameters.Add("$payload", SqliteType.Text);
    var bytes = insert.Parameters.Add("$bytes", SqliteType.Integer);
    headers.Value = """{"Content-Type":"application/json","Authorization":"Basic (redacted; user bench)","User-Agent":"ServiceNow/1.0"}""";
    var filler = new string('x', 700);
    var random = new Random(42);
    var span = TimeSpan.FromDays(30);
    var total = start + count;
    SqliteTransaction? transaction = null;
    for (var i = start; i < total; i++)
    {
        if ((i - start) % 50_000 == 0)
        {
            transaction?.Commit();
            transaction?.Dispose();
            transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
        }

        var roll = random.Next(100);
        var time = now - span + span * ((i + 0.5) / total);
        at.Value = time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        conn.Value = 1 + random.Next(connections);
        direction.Value = (random.Next(4) == 0 ? MessageDirection.Outbound : MessageDirection.Inbound).ToString();
        status.Value = (roll < 70 ? MessageStatus.Received : roll < 90 ? MessageStatus.Delivered : roll < 95 ? MessageStatus.Failed
            : roll < 98 ? MessageStatus.Retrying : MessageStatus.DeadLettered).ToString();
        sysId.Value = i.ToString("x32", CultureInfo.InvariantCulture);
        number.Value = string.Create(CultureInfo.InvariantCulture, $"INC{i % 10_000_000:D7}");
        correlation.Value = string.Create(CultureInfo.InvariantCulture, $"bench-{i}");
        responseId.Value = Guid.CreateVersion7(new DateTimeOffset(time, TimeSpan.Zero)).ToString("N");
        duration.Value = random.Next(1, 40);
        var body = string.Create(CultureInfo.InvariantCulture, $$$"""{"table":"incident","sys_id":"{{{i:x32}}}","record":{"number":"INC{{{i % 10_000_000:D7}}}","description":"{{{filler}}}"}}""");
        payload.Value = body;
        bytes.Value = body.Length;
        insert.ExecuteNonQuery();
    }

    transaction?.Commit();
    transaction?.Dispose();
    using var analyze = connection.CreateCommand();
    analyze.CommandText = "PRAGMA optimize;";
    analyze.ExecuteNonQuery();
}

// The same shape as Fill, made by the server itself in one statement (seeded random(), so every run is the same).
static async Task FillPostgresAsync(string connectionString, DateTime now, long count, int connections)
{
    await using var connection = new Npgsql.NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var fill = new Npgsql.NpgsqlCommand("""
        SELECT setseed(0.42);
        INSERT INTO "Connections" ("Name", "NormalizedName", "InstanceUrl", "TimeZone", "Environment", "AuthMode", "Tables",
            "OutboundRateLimitPeriod", "Status", "CreatedAt", "CreatedBy", "UpdatedAt", "UpdatedBy")
        SELECT 'Bench ' || lpad(c::text, 2, '0'), 'BENCH ' || lpad(c::text, 2, '0'), 'https://bench.service-now.com/', 'UTC', 'Test', 'Basic',
            'incident', 'Hour', 'Active', '2026-11-01', 'bench', '2026-11-01', 'bench'
        FROM generate_series(1, @connections) c;
        INSERT INTO "Messages" ("ReceivedAt", "ConnectionId", "Direction", "Status", "TableName", "EventName", "RecordSysId", "Number",
            "CorrelationId", "ResponseId", "HttpStatus", "DurationMs", "Headers", "Payload", "PayloadBytes", "RemoteAddress", "AttemptCount")
        SELECT @now - interval '30 days' + interval '30 days' * ((i + 0.5) / @count), 1 + floor(random() * @connections)::int,
            CASE WHEN random() < 0.25 THEN 'Outbound' ELSE 'Inbound' END,
            CASE WHEN r < 0.70 THEN 'Received' WHEN r < 0.90 THEN 'Delivered' WHEN r < 0.95 THEN 'Failed' WHEN r < 0.98 THEN 'Retrying' ELSE 'DeadLettered' END,
            'incident', 'insert', lpad(to_hex(i), 32, '0'), 'INC' || lpad((i % 10000000)::text, 7, '0'), 'bench-' || i, md5(i::text), 202,
            1 + floor(random() * 39)::int,
            '{"Content-Type":"application/json","Authorization":"Basic (redacted; user bench)","User-Agent":"ServiceNow/1.0"}',
            p, length(p), '127.0.0.1', 0
        FROM (SELECT i, random() AS r, '{"table":"incident","sys_id":"' || lpad(to_hex(i), 32, '0') || '","record":{"number":"INC'
                  || lpad((i % 10000000)::text, 7, '0') || '","description":"' || repeat('x', 700) || '"}}' AS p
              FROM generate_series(0::bigint, @count - 1) i) rows;
        """, connection) { CommandTimeout = 0 };
    fill.Parameters.AddWithValue("connections", connections);
    fill.Parameters.AddWithValue("count", count);
    fill.Parameters.AddWithValue("now", now);
    await fill.ExecuteNonQueryAsync();

    // What autovacuum does to a table within minutes of a bulk insert: statistics, and the visibility map that lets
    // an index-only scan skip the table.
    await using var vacuum = new Npgsql.NpgsqlCommand("""VACUUM ANALYZE "Messages" """, connection) { CommandTimeout = 0 };
    await vacuum.ExecuteNonQueryAsync();
}

/// <summary>Counts the database commands the benchmark's contexts run.</summary>
internal sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;

    public int Reset() => Interlocked.Exchange(ref _count, 0);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}

/// <summary>A clock the benchmark sets: "now" is the newest stored message, and the 60 s of dashboards pass at once.</summary>
internal sealed class PinnedClock : TimeProvider
{
    public DateTime Now { get; set; }

    public override DateTimeOffset GetUtcNow() => new(Now, TimeSpan.Zero);
}
