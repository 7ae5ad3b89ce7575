namespace SnConnectPortal.Web.Features.SystemsCheck;

/// <summary>
/// One step of the Systems Check. Steps run in order, each under its own time bound; a step whose
/// <see cref="DependsOn"/> failed is skipped with the reason.
/// </summary>
public interface ISystemsCheckStep
{
    /// <summary>Stable id, e.g. <c>tls</c> or <c>read:incident</c>.</summary>
    string Key { get; }

    /// <summary>What the step checks, in words for the page.</summary>
    string Name { get; }

    /// <summary>Keys of the steps that must not have failed for this one to run.</summary>
    IReadOnlyList<string> DependsOn { get; }

    /// <summary>
    /// Runs the step. <paramref name="cancellationToken"/> fires at the step's time bound (or when the run is
    /// cancelled); ServiceNow errors may be thrown and are turned into a failed step with a remedy by the runner.
    /// </summary>
    Task<StepOutcome> RunAsync(SystemsCheckContext context, CancellationToken cancellationToken);
}
