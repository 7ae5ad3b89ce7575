using System.Globalization;

namespace SnConnectPortal.Sandbox.Configuration;

/// <summary>The instance's clock: the injected <see cref="TimeProvider"/> plus the configured skew.</summary>
internal sealed class SandboxClock(TimeProvider timeProvider, RuntimeSettingsHolder settings)
{
    public const string GlideDateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    public DateTimeOffset UtcNow => timeProvider.GetUtcNow().AddSeconds(settings.Current.ClockSkewSeconds);

    /// <summary>The instance's time as ServiceNow stores it: UTC, <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    public string GlideNow() => Format(UtcNow);

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(GlideDateTimeFormat, CultureInfo.InvariantCulture);
}
