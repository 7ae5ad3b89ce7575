using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Coordination;

/// <summary>Section <c>Coordination</c>: how the portal nodes on one database share the scheduled jobs.</summary>
public sealed class CoordinationOptions
{
    public const string SectionName = "Coordination";

    /// <summary>
    /// How long a job's lease outlives its holder's last renewal (beyond the job's own interval); a running job renews
    /// it every third of this. A node that dies gives its jobs up after at most this much longer than their interval.
    /// </summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often a running job renews its lease.</summary>
    public TimeSpan Heartbeat => TimeSpan.FromSeconds(LeaseSeconds) / 3;
}

internal sealed class CoordinationOptionsValidator : IValidateOptions<CoordinationOptions>
{
    public ValidateOptionsResult Validate(string? name, CoordinationOptions options) =>
        options.LeaseSeconds is >= 1 and <= 3600
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Coordination:LeaseSeconds must be between 1 and 3600 (was {options.LeaseSeconds}).");
}
