using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Dashboard;

/// <summary>The home dashboard's figures at one moment, for every connection; the page sums them for "all connections".</summary>
/// <param name="MinuteStart">The first minute of <see cref="ConnectionTraffic.InPerMinute"/> (UTC), 60 minutes before the last.</param>
/// <param name="HourStart">The first hour of <see cref="ConnectionTraffic.InPerHour"/> (UTC), 7 days before the last.</param>
public sealed record DashboardSnapshot(
    DateTime ComputedAt,
    DateTime MinuteStart,
    DateTime HourStart,
    IReadOnlyList<ConnectionHealth> Connections)
{
    public const int Minutes = 60;

    public const int Hours = 7 * 24;
}

/// <summary>One connection's state and traffic, as its status card and the charts show them.</summary>
public sealed record ConnectionHealth(
    long Id,
    string Name,
    ConnectionStatus Status,
    DateTime? LastCheckAt,
    bool? LastCheckSucceeded,
    string? LastCheckSummary,
    DateTime? LastImportAt,
    UserImportStatus? LastImportStatus,
    DateTime? LastInboundAt,
    DateTime? LastOutboundAt,
    ConnectionTraffic Traffic,
    DeliveryHealth Delivery);

/// <summary>Messages per minute over the last hour and per hour over the last 7 days, each way.</summary>
public sealed record ConnectionTraffic(long[] InPerMinute, long[] OutPerMinute, long[] InPerHour, long[] OutPerHour)
{
    public static ConnectionTraffic Empty() =>
        new(new long[DashboardSnapshot.Minutes], new long[DashboardSnapshot.Minutes], new long[DashboardSnapshot.Hours], new long[DashboardSnapshot.Hours]);
}

/// <summary>
/// Outbound delivery: the backlog (messages waiting to go) and its oldest, failures of the last 24 hours by reason, the
/// time from arrival to ServiceNow's answer of the last hour's deliveries, 429s in the last hour, and the headroom
/// left under the instance's rate limit rule as its last answer in the last hour reported it (null: none reported).
/// </summary>
public sealed record DeliveryHealth(
    long Backlog,
    DateTime? OldestWaitingSince,
    IReadOnlyList<FailureCount> FailuresLastDay,
    DeliveryTimes? TimesLastHour,
    long RateLimitedLastHour,
    RateLimitHeadroom? Headroom = null)
{
    public static DeliveryHealth None { get; } = new(0, null, [], null, 0);
}

/// <summary>
/// The instance's rate limit rule (X-RateLimit-Limit and -Reset of its last answer, at <paramref name="ReportedAt"/>)
/// and the delivery attempts this portal made in that hourly window: ServiceNow reports no remaining count, so the
/// headroom is the limit less this portal's attempts (other clients of the same user count too).
/// </summary>
public sealed record RateLimitHeadroom(long LimitPerHour, DateTime WindowEndsAt, long AttemptsInWindow, DateTime ReportedAt)
{
    public long Left => Math.Max(0, LimitPerHour - AttemptsInWindow);
}

/// <summary>Failed or dead-lettered messages with the same status and ServiceNow answer (null: no answer, e.g. a timeout).</summary>
public sealed record FailureCount(MessageStatus Status, int? HttpStatus, long Count);

/// <summary>Percentiles of the time from a message's arrival to ServiceNow's answer that delivered it, over <paramref name="Count"/> deliveries.</summary>
public sealed record DeliveryTimes(int Count, double P50Milliseconds, double P95Milliseconds);
