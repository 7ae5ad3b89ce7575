using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Features.Outbound;

/// <summary>Section <c>Outbound</c>: how the delivery worker sends queued records to ServiceNow and when it gives up.</summary>
public sealed class OutboundOptions
{
    public const string SectionName = "Outbound";

    /// <summary>Attempts before a message that keeps failing transiently (429, 5xx, timeouts) is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait after the first transient failure; doubles with each attempt up to <see cref="BackoffMaxSeconds"/>.</summary>
    public double BackoffBaseSeconds { get; set; } = 30;

    /// <summary>Longest wait between two attempts (a 429's Retry-After is honoured even when longer).</summary>
    public double BackoffMaxSeconds { get; set; } = 3600;

    /// <summary>Bound on one attempt against ServiceNow; after it the attempt counts as uncertain (the record may exist).</summary>
    public int AttemptTimeoutSeconds { get; set; } = 30;

    /// <summary>Deliveries this node runs at once, over all connections.</summary>
    public int DeliveriesInFlight { get; set; } = 8;

    /// <summary>
    /// Deliveries of one connection this node runs at once (within <see cref="DeliveriesInFlight"/>): a slow or hanging
    /// instance holds up at most this many, and the other connections keep the rest.
    /// </summary>
    public int DeliveriesInFlightPerConnection { get; set; } = 4;

    /// <summary>How often the worker looks for due messages when it has nothing to do (sooner when a paced connection's next slot comes first).</summary>
    public int PollIntervalMilliseconds { get; set; } = 1000;
}

internal sealed class OutboundOptionsValidator : IValidateOptions<OutboundOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboundOptions options)
    {
        List<string> errors = [];
        Check(options.MaxAttempts is >= 1 and <= 100, $"Outbound:MaxAttempts must be between 1 and 100 (was {options.MaxAttempts}).");
        Check(options.BackoffBaseSeconds is >= 0.01 and <= 86400, $"Outbound:BackoffBaseSeconds must be between 0.01 and 86400 (was {options.BackoffBaseSeconds}).");
        Check(options.BackoffMaxSeconds >= options.BackoffBaseSeconds && options.BackoffMaxSeconds <= 86400,
            $"Outbound:BackoffMaxSeconds must be between Outbound:BackoffBaseSeconds and 86400 (was {options.BackoffMaxSeconds}).");
        Check(options.AttemptTimeoutSeconds is >= 1 and <= 600, $"Outbound:AttemptTimeoutSeconds must be between 1 and 600 (was {options.AttemptTimeoutSeconds}).");
        Check(options.DeliveriesInFlight is >= 1 and <= 64, $"Outbound:DeliveriesInFlight must be between 1 and 64 (was {options.DeliveriesInFlight}).");
        Check(options.DeliveriesInFlightPerConnection >= 1 && options.DeliveriesInFlightPerConnection <= options.DeliveriesInFlight,
            $"Outbound:DeliveriesInFlightPerConnection must be between 1 and Outbound:DeliveriesInFlight (was {options.DeliveriesInFlightPerConnection}).");
        Check(options.PollIntervalMilliseconds is >= 50 and <= 60000, $"Outbound:PollIntervalMilliseconds must be between 50 and 60000 (was {options.PollIntervalMilliseconds}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        void Check(bool ok, string error)
        {
            if (!ok)
            {
                errors.Add(error);
            }
        }
    }
}
