using System.Globalization;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Outbound;

/// <summary>A connection's outbound rate limit: at most <paramref name="Count"/> deliveries started in any one <paramref name="Period"/>.</summary>
public sealed record OutboundRateLimit(int Count, RateLimitPeriod Period)
{
    /// <summary>Highest count the wizard accepts, whatever the period.</summary>
    public const int MaxCount = 100_000;

    public TimeSpan Window => Period switch
    {
        RateLimitPeriod.Second => TimeSpan.FromSeconds(1),
        RateLimitPeriod.Minute => TimeSpan.FromMinutes(1),
        _ => TimeSpan.FromHours(1),
    };

    public long PerHour => (long)Math.Floor(Count * (TimeSpan.FromHours(1) / Window));

    /// <summary>The connection's limit, or null when it has none.</summary>
    public static OutboundRateLimit? Of(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.OutboundRateLimit is { } count ? new(count, connection.OutboundRateLimitPeriod) : null;
    }

    /// <summary>"1,000 deliveries an hour"; "off" for no limit.</summary>
    public static string Describe(OutboundRateLimit? limit) => limit is null
        ? "off"
        : string.Create(CultureInfo.InvariantCulture, $"{limit.Count:N0} {(limit.Count == 1 ? "delivery" : "deliveries")} {PeriodText(limit.Period)}");

    /// <summary>The limit as the connection's page states it.</summary>
    public static string Sentence(OutboundRateLimit? limit) => limit is null
        ? "Off: the portal sends as fast as the instance answers (a 429 pauses the connection until its Retry-After)"
        : $"The portal starts at most {Describe(limit)} to this instance (per portal node)";

    public static string PeriodText(RateLimitPeriod period) => period switch
    {
        RateLimitPeriod.Second => "a second",
        RateLimitPeriod.Minute => "a minute",
        _ => "an hour",
    };
}
