using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Dashboard;

/// <summary>
/// Computes the dashboard's figures with a handful of grouped queries on indexed columns (ReceivedAt, Status,
/// MessageAttempts.StartedAt), so their cost follows the traffic of the last hour and day, not the size of the log;
/// the week's hourly counts are read once and then only for the hours since. Singleton.
/// </summary>
public sealed class DashboardQueries(IDbContextFactory<PortalDbContext> dbContextFactory, TimeProvider timeProvider)
{
    /// <summary>Deliveries whose times are read for the percentiles: the newest of the last hour, at most this many.</summary>
    public const int DeliveryTimeSample = 20_000;

    private static readonly MessageStatus[] Waiting = [MessageStatus.Queued, MessageStatus.Sending, MessageStatus.Retrying];
    private static readonly MessageStatus[] Failures = [MessageStatus.Failed, MessageStatus.DeadLettered];

    private readonly Lock _completedHoursLock = new();
    private readonly List<HourCount> _completedHours = [];
    private DateTime _completedUntil;

    public async Task<DashboardSnapshot> ComputeAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var thisMinute = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        var minuteStart = thisMinute.AddMinutes(1 - DashboardSnapshot.Minutes);
        var thisHour = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);
        var hourStart = thisHour.AddHours(1 - DashboardSnapshot.Hours);
        var hourAgo = now.AddHours(-1);
        var dayAgo = now.AddDays(-1);

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var connections = await db.Connections.AsNoTracking().Where(c => c.DeletedAt == null).OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.Status, c.LastCheckAt, c.LastCheckSucceeded, c.LastCheckSummary })
            .ToListAsync(cancellationToken);
        var traffic = connections.ToDictionary(c => c.Id, _ => ConnectionTraffic.Empty());

        var perMinute = await db.Messages.AsNoTracking().Where(m => m.ReceivedAt >= minuteStart)
            .GroupBy(m => new { m.ConnectionId, m.Direction, m.ReceivedAt.Date, m.ReceivedAt.Hour, m.ReceivedAt.Minute })
            .Select(g => new { g.Key.ConnectionId, g.Key.Direction, g.Key.Date, g.Key.Hour, g.Key.Minute, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        foreach (var bucket in perMinute)
        {
            var index = (int)(bucket.Date.AddHours(bucket.Hour).AddMinutes(bucket.Minute) - minuteStart).TotalMinutes;
            if (traffic.TryGetValue(bucket.ConnectionId, out var t) && index is >= 0 and < DashboardSnapshot.Minutes)
            {
                (bucket.Direction == MessageDirection.Inbound ? t.InPerMinute : t.OutPerMinute)[index] += bucket.Count;
            }
        }

        foreach (var bucket in await HourlyCountsAsync(db, hourStart, thisHour, cancellationToken))
        {
            var index = (int)(bucket.Hour - hourStart).TotalHours;
            if (traffic.TryGetValue(bucket.ConnectionId, out var t) && index is >= 0 and < DashboardSnapshot.Hours)
            {
                (bucket.Direction == MessageDirection.Inbound ? t.InPerHour : t.OutPerHour)[index] += bucket.Count;
            }
        }

        var failures = (await db.Messages.AsNoTracking().Where(m => Failures.Contains(m.Status) && m.ReceivedAt >= dayAgo)
            .GroupBy(m => new { m.ConnectionId, m.Status, m.HttpStatus })
            .Select(g => new { g.Key.ConnectionId, g.Key.Status, g.Key.HttpStatus, Count = g.LongCount() })
            .ToListAsync(cancellationToken)).ToLookup(f => f.ConnectionId);

        var rateLimited = (await db.MessageAttempts.AsNoTracking().Where(a => a.StartedAt >= hourAgo && a.HttpStatus == 429)
            .Join(db.Messages, a => a.MessageId, m => m.Id, (a, m) => m.ConnectionId)
            .GroupBy(connectionId => connectionId).Select(g => new { ConnectionId = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken)).ToDictionary(r => r.ConnectionId, r => r.Count);

        var deliveries = (await db.MessageAttempts.AsNoTracking()
            .Where(a => a.StartedAt >= hourAgo && (a.Outcome == AttemptOutcome.Delivered || a.Outcome == AttemptOutcome.Found))
            .OrderByDescending(a => a.StartedAt).Take(DeliveryTimeSample)
            .Join(db.Messages, a => a.MessageId, m => m.Id, (a, m) => new { m.ConnectionId, m.ReceivedAt, a.StartedAt, a.DurationMs })
            .ToListAsync(cancellationToken)).ToLookup(d => d.ConnectionId, d => (d.StartedAt - d.ReceivedAt).TotalMilliseconds + d.DurationMs);

        var imports = (await db.UserImportRuns.AsNoTracking()
            .Where(r => r.Id == db.UserImportRuns.Where(l => l.ConnectionId == r.ConnectionId).OrderByDescending(l => l.StartedAt).Select(l => l.Id).First())
            .Select(r => new { r.ConnectionId, r.StartedAt, r.Status })
            .ToListAsync(cancellationToken)).ToDictionary(r => r.ConnectionId);

        List<ConnectionHealth> health = [];
        foreach (var c in connections)
        {
            var lastInbound = await LastMessageAtAsync(db, c.Id, MessageDirection.Inbound, cancellationToken);
            var lastOutbound = await LastMessageAtAsync(db, c.Id, MessageDirection.Outbound, cancellationToken);
            var waiting = await BacklogAsync(db, c.Id, cancellationToken);
            var delivery = new DeliveryHealth(
                waiting.Sum(w => w.Count),
                waiting.Count == 0 ? null : waiting.Min(w => w.Oldest),
                [.. failures[c.Id].Select(f => new FailureCount(f.Status, f.HttpStatus, f.Count)).OrderByDescending(f => f.Count)],
                Percentiles([.. deliveries[c.Id]]),
                rateLimited.GetValueOrDefault(c.Id));
            delivery = delivery with { Headroom = await HeadroomAsync(db, c.Id, hourAgo, cancellationToken) };
            var import = imports.GetValueOrDefault(c.Id);
            health.Add(new ConnectionHealth(c.Id, c.Name, c.Status, c.LastCheckAt, c.LastCheckSucceeded, c.LastCheckSummary,
                import?.StartedAt, import?.Status, lastInbound, lastOutbound, traffic[c.Id], delivery));
        }

        return new DashboardSnapshot(now, minuteStart, hourStart, health);
    }

    /// <summary>
    /// Messages per connection, direction and hour since <paramref name="hourStart"/>. An hour that is over never
    /// changes (a message's ReceivedAt is the time this portal stored it), so its counts are kept and only the hours
    /// since the last computation are read again: a week at 1,000,000 messages is read once, not every interval.
    /// </summary>
    private async Task<IReadOnlyList<HourCount>> HourlyCountsAsync(PortalDbContext db, DateTime hourStart, DateTime thisHour, CancellationToken cancellationToken)
    {
        DateTime readFrom;
        lock (_completedHoursLock)
        {
            _completedHours.RemoveAll(h => h.Hour < hourStart);
            readFrom = _completedUntil > hourStart ? _completedUntil : hourStart;
        }

        var read = (await db.Messages.AsNoTracking().Where(m => m.ReceivedAt >= readFrom)
            .GroupBy(m => new { m.ConnectionId, m.Direction, m.ReceivedAt.Date, m.ReceivedAt.Hour })
            .Select(g => new { g.Key.ConnectionId, g.Key.Direction, g.Key.Date, g.Key.Hour, Count = g.LongCount() })
            .ToListAsync(cancellationToken))
            .Select(b => new HourCount(b.ConnectionId, b.Direction, DateTime.SpecifyKind(b.Date.AddHours(b.Hour), DateTimeKind.Utc), b.Count))
            .ToList();
        lock (_completedHoursLock)
        {
            _completedHours.RemoveAll(h => h.Hour >= readFrom);
            _completedHours.AddRange(read.Where(h => h.Hour < thisHour));
            _completedUntil = thisHour;

            return [.. _completedHours, .. read.Where(h => h.Hour >= thisHour)];
        }
    }

    private sealed record HourCount(long ConnectionId, MessageDirection Direction, DateTime Hour, long Count);

    /// <summary>Percentiles of a sample (nearest rank); null when it is empty.</summary>
    public static DeliveryTimes? Percentiles(IReadOnlyList<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return null;
        }

        var sorted = milliseconds.Order().ToArray();
        return new DeliveryTimes(sorted.Length, Rank(0.50), Rank(0.95));

        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>
    /// The rate limit the connection's last attempt in the last hour was told (newest first on the StartedAt index), and
    /// the attempts since its hourly window began; null when no answer in the last hour carried the headers.
    /// </summary>
    private static async Task<RateLimitHeadroom?> HeadroomAsync(PortalDbContext db, long connectionId, DateTime hourAgo, CancellationToken cancellationToken)
    {
        var attempts = db.MessageAttempts.AsNoTracking()
            .Join(db.Messages.Where(m => m.ConnectionId == connectionId), a => a.MessageId, m => m.Id, (a, m) => a);
        var reported = await attempts.Where(a => a.StartedAt >= hourAgo && a.RateLimitPerHour != null && a.RateLimitResetAt != null)
            .OrderByDescending(a => a.StartedAt).ThenByDescending(a => a.Id)
            .Select(a => new { a.StartedAt, Limit = a.RateLimitPerHour!.Value, ResetAt = a.RateLimitResetAt!.Value })
            .FirstOrDefaultAsync(cancellationToken);
        if (reported is null)
        {
            return null;
        }

        var windowStart = reported.ResetAt.AddHours(-1);
        var used = await attempts.LongCountAsync(a => a.StartedAt >= windowStart, cancellationToken);
        return new RateLimitHeadroom(reported.Limit, DateTime.SpecifyKind(reported.ResetAt, DateTimeKind.Utc), used, reported.StartedAt);
    }

    // One connection's waiting messages by status: a range of the (ConnectionId, Status, ReceivedAt) index per status,
    // read without the table. All connections at once would scan that whole index on PostgreSQL (about 10 times slower
    // at 1,000,000 messages, bench/dashboard).
    private static async Task<List<(long Count, DateTime Oldest)>> BacklogAsync(PortalDbContext db, long connectionId, CancellationToken cancellationToken) =>
        [.. (await db.Messages.AsNoTracking().Where(m => m.ConnectionId == connectionId && Waiting.Contains(m.Status))
            .GroupBy(m => m.Status)
            .Select(g => new { Count = g.LongCount(), Oldest = g.Min(m => m.ReceivedAt) })
            .ToListAsync(cancellationToken)).Select(w => (w.Count, w.Oldest))];

    // Newest first on the (ConnectionId, ReceivedAt) index, stopping at the first message that goes this way.
    private static Task<DateTime?> LastMessageAtAsync(PortalDbContext db, long connectionId, MessageDirection direction, CancellationToken cancellationToken) =>
        db.Messages.AsNoTracking().Where(m => m.ConnectionId == connectionId && m.Direction == direction)
            .OrderByDescending(m => m.ReceivedAt).Select(m => (DateTime?)m.ReceivedAt).FirstOrDefaultAsync(cancellationToken);
}
