using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Operations.Telemetry;

/// <summary>
/// How many outbound messages wait (queued, retrying or being sent) and how old the oldest is, read from the database
/// at most once a second however many gauges and exporters ask; nothing before the portal has started (its database
/// may not be migrated yet).
/// </summary>
public sealed class OutboundBacklog(IDbContextFactory<PortalDbContext> dbContextFactory, IHostApplicationLifetime lifetime, TimeProvider timeProvider)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);
    private static readonly MessageStatus[] Waiting = [MessageStatus.Queued, MessageStatus.Retrying, MessageStatus.Sending];
    private readonly Lock _lock = new();
    private (DateTimeOffset At, int Count, double OldestAgeSeconds)? _last;

    /// <summary>Messages waiting, and the age in seconds of the oldest (0 when none waits); null before the portal has started.</summary>
    public (int Count, double OldestAgeSeconds)? Read()
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return null;
        }

        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            if (_last is not { } last || now - last.At >= Freshness)
            {
                using var db = dbContextFactory.CreateDbContext();
                var waiting = db.Messages.Where(m => m.Direction == MessageDirection.Outbound && Waiting.Contains(m.Status));
                var count = waiting.Count();
                var oldest = count == 0 ? null : waiting.Min(m => (DateTime?)m.ReceivedAt);
                last = (now, count, oldest is { } at ? Math.Max(0, (now.UtcDateTime - at).TotalSeconds) : 0);
                _last = last;
            }

            return (last.Count, last.OldestAgeSeconds);
        }
    }
}
