using System.Net.Http;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.ServiceNow.Network;
using SnConnectPortal.Web.Features.SystemsCheck.Steps;

namespace SnConnectPortal.Web.Features.SystemsCheck;

/// <summary>
/// Runs the steps in order and yields each result as it finishes. Every step gets its own time bound (a linked
/// token plus a wait that gives up at the bound, so even a call that ignores cancellation cannot hold the run);
/// a step whose prerequisite failed is skipped with the name of the step that failed.
/// </summary>
public sealed class SystemsCheckRunner(
    IServiceNowClientFactory clients,
    IHttpClientFactory httpClients,
    DestinationGuard guard,
    IOptions<SystemsCheckOptions> options,
    TimeProvider timeProvider,
    ILogger<SystemsCheckRunner> logger)
{
    /// <summary>The named HttpClient for probes without credentials (no redirects, no timeout of its own).</summary>
    public const string ProbeClientName = "SnConnectPortal.SystemsCheck.Probe";

    /// <summary>The steps of a run, in order: the path a message takes, from the address to the records.</summary>
    public static IReadOnlyList<ISystemsCheckStep> StepsFor(SystemsCheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var readTables = request.Tables.Concat(ReadAccessStep.DirectoryTables).Distinct(StringComparer.Ordinal);
        return
        [
            new AddressStep(),
            new TlsStep(),
            new ServiceNowIdentityStep(),
            new AuthenticationStep(),
            new IntegrationUserStep(),
            .. readTables.Select(table => new ReadAccessStep(table)),
            new FieldLengthStep(),
            new ClockStep(),
            new RateLimitStep(),
            new UserDirectoryStep(),
            new TestIncidentStep(),
        ];
    }

    public async IAsyncEnumerable<CheckStepResult> RunAsync(
        SystemsCheckRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = new SystemsCheckContext(request, options.Value, clients, httpClients.CreateClient(ProbeClientName), guard, timeProvider);

        // Step key → the name of the failed step that blocks it (itself, or the one it waited for).
        var blocked = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        foreach (var step in StepsFor(request))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var blocker = step.DependsOn.FirstOrDefault(blocked.ContainsKey);
            CheckStepResult result;
            if (blocker is not null)
            {
                blocked[step.Key] = blocked[blocker];
                result = new CheckStepResult(position, step.Key, step.Name, CheckOutcome.Skipped, TimeSpan.Zero,
                    $"Not run: it needs \"{blocked[blocker]}\", which failed.", null, null) { Blocks = true };
            }
            else
            {
                result = await RunStepAsync(step, context, position, cancellationToken);
                if (result.Blocks)
                {
                    blocked[step.Key] = step.Name;
                }
            }

            position++;
            yield return result;
        }
    }

    private async Task<CheckStepResult> RunStepAsync(
        ISystemsCheckStep step, SystemsCheckContext context, int position, CancellationToken cancellationToken)
    {
        var bound = context.Options.StepTimeout;
        using var stepToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stepToken.CancelAfter(bound);
        var started = timeProvider.GetTimestamp();
        StepOutcome outcome;
        try
        {
            outcome = await step.RunAsync(context, stepToken.Token).WaitAsync(stepToken.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = StepOutcome.Fail($"No answer within the step's bound of {bound.TotalSeconds:0.#} s: the step was stopped.",
                SystemsCheckRemedies.Timeout(bound));
        }
        catch (ServiceNowException exception)
        {
            if (exception.Kind == ServiceNowErrorKind.RateLimited)
            {
                context.RecordRateLimited(exception.Error);
            }

            var seen = exception.Kind == ServiceNowErrorKind.Timeout
                ? $"No answer within {bound.TotalSeconds:0.#} s ({SystemsCheckRemedies.Describe(exception.Error)})."
                : $"ServiceNow answered {SystemsCheckRemedies.Describe(exception.Error)}.";
            outcome = StepOutcome.Fail(seen, SystemsCheckRemedies.For(exception.Error, context, (step as ITableStep)?.Table));
        }
        catch (HttpRequestException exception)
        {
            outcome = TransportFailure.Outcome(exception, context);
        }
        catch (ArgumentException exception)
        {
            outcome = StepOutcome.Fail($"The connection's settings cannot be used: {exception.Message}",
                "Complete the connection's instance address and credentials in the wizard (steps 1 to 3), then run the check again.");
        }
#pragma warning disable CA1031 // One broken step must become a failed step on the page, not a broken run.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogError(exception, "Systems Check step {Step} failed unexpectedly for {Connection}", step.Key, context.Settings.ConnectionIdentity);
            outcome = StepOutcome.Fail($"The step failed unexpectedly ({exception.GetType().Name}).",
                "This is a fault in the portal, not in ServiceNow: the portal's log has the details. Run the check again; if it repeats, report it.");
        }

        var elapsed = timeProvider.GetElapsedTime(started);
        return new CheckStepResult(position, step.Key, step.Name, outcome.Outcome, elapsed, outcome.Seen, outcome.Remedy, outcome.LinkUrl, outcome.LinkText)
        {
            Blocks = outcome.Outcome == CheckOutcome.Fail,
        };
    }
}
