using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>Section <c>Alerts</c>: how often the scheduled checks and the alert conditions are looked at.</summary>
public sealed class AlertsOptions
{
    public const string SectionName = "Alerts";

    /// <summary>How often the portal (the node holding the scheduled-checks lease) looks for connections whose scheduled Systems Check is due.</summary>
    public int ScheduleTickSeconds { get; set; } = 30;

    /// <summary>How often the alert conditions are evaluated and due notices sent.</summary>
    public int EvaluateSeconds { get; set; } = 60;

    /// <summary>Longest time one email or webhook call may take.</summary>
    public int SendTimeoutSeconds { get; set; } = 15;
}

internal sealed class AlertsOptionsValidator : IValidateOptions<AlertsOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertsOptions options)
    {
        var errors = new List<string>();
        if (options.ScheduleTickSeconds is < 1 or > 3600)
        {
            errors.Add($"Alerts:ScheduleTickSeconds must be between 1 and 3600 (was {options.ScheduleTickSeconds}).");
        }

        if (options.EvaluateSeconds is < 1 or > 3600)
        {
            errors.Add($"Alerts:EvaluateSeconds must be between 1 and 3600 (was {options.EvaluateSeconds}).");
        }

        if (options.SendTimeoutSeconds is < 1 or > 120)
        {
            errors.Add($"Alerts:SendTimeoutSeconds must be between 1 and 120 (was {options.SendTimeoutSeconds}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
