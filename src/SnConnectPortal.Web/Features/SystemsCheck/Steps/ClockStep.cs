using System.Globalization;

namespace SnConnectPortal.Web.Features.SystemsCheck.Steps;

/// <summary>
/// The instance's clock (its HTTP Date header) against this server's, and the configured time zone: ServiceNow's
/// REST date-times carry no zone (they are UTC), so the portal must know the instance's zone to show them.
/// </summary>
internal sealed class ClockStep : ISystemsCheckStep
{
    public const string StepKey = "clock";

    public string Key => StepKey;

    public string Name => "Clock skew and time zone";

    public IReadOnlyList<string> DependsOn => [ServiceNowIdentityStep.StepKey];

    public Task<StepOutcome> RunAsync(SystemsCheckContext context, CancellationToken cancellationToken)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(context.Request.TimeZone, out var zone))
        {
            return Task.FromResult(StepOutcome.Fail($"The configured time zone '{context.Request.TimeZone}' is not a time zone this server knows.",
                "Choose the instance's time zone from the IANA list in step 1 of the wizard (e.g. Europe/Amsterdam; the instance's is in " +
                "System Properties > System, glide.sys.default.tz)."));
        }

        var now = context.TimeProvider.GetUtcNow();
        var offset = zone.GetUtcOffset(now);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var zoneText = string.Create(CultureInfo.InvariantCulture,
            $"Configured time zone {zone.Id} (UTC{sign}{offset.Duration():hh\\:mm} now, {TimeZoneInfo.ConvertTime(now, zone):yyyy-MM-dd HH:mm}): the REST API reads and writes date-times in UTC without a zone, and the portal shows them in this zone.");
        if (context.IntegrationUser?["time_zone"] is { Length: > 0 } userZone && userZone != zone.Id)
        {
            zoneText += $" The integration user's own time zone is {userZone}; it changes only display values.";
        }

        if (context.Clock is not { } clock)
        {
            return Task.FromResult(StepOutcome.Warn($"The instance sent no HTTP Date header, so its clock cannot be compared. {zoneText}",
                "A ServiceNow instance sends a Date header on every answer; if a proxy strips it, the clock cannot be checked."));
        }

        // The Date header has whole seconds and was stamped somewhere within the round trip.
        var raw = clock.InstanceDate - clock.PortalTime;
        var tolerance = TimeSpan.FromSeconds(1) + (clock.RoundTrip / 2);
        var skew = raw.Duration() <= tolerance ? TimeSpan.Zero : raw - (raw > TimeSpan.Zero ? tolerance : -tolerance);
        var direction = skew > TimeSpan.Zero ? "ahead of" : "behind";
        var clockText = skew == TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $"The instance's clock (HTTP Date {clock.InstanceDate:u}) agrees with this server's within {tolerance.TotalSeconds:0.#} s.")
            : string.Create(CultureInfo.InvariantCulture, $"The instance's clock (HTTP Date {clock.InstanceDate:u}) is {Words(skew)} {direction} this server's ({clock.PortalTime:u}).");
        var seen = $"{clockText} {zoneText}";

        var remedy = $"ServiceNow keeps its hosted instances' clocks synchronized, so this server's clock is most likely off by {Words(skew)}: turn on time " +
            "synchronization (NTP; on Linux `timedatectl set-ntp true` or chrony) and run the check again. A skewed clock makes incremental user " +
            "imports (sys_updated_on >= the last run) miss or repeat records, and makes OAuth tokens look expired too early or too late.";
        var size = skew.Duration().TotalSeconds;
        return Task.FromResult(size > context.Options.ClockSkewFailSeconds ? StepOutcome.Fail(seen, remedy)
            : size > context.Options.ClockSkewWarnSeconds ? StepOutcome.Warn(seen, remedy)
            : StepOutcome.Pass(seen));
    }

    private static string Words(TimeSpan span)
    {
        var d = span.Duration();
        return d.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalMinutes} min {d.Seconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{d.TotalSeconds:0} s");
    }
}
