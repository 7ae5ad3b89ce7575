using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Connections;

namespace SnConnectPortal.Web.Features.SystemsCheck;

/// <summary>
/// Runs the Systems Check of one saved connection and shows each step as it finishes, then a summary dialog.
/// Host it with <c>&lt;SystemsCheckPanel ConnectionId="@id" OnCompleted="..." /&gt;</c>.
/// </summary>
public sealed partial class SystemsCheckPanel
{
    private readonly List<CheckStepResult> _steps = [];
    private IReadOnlyList<SystemsCheckRunSummary> _history = [];
    private bool _createTestIncident;
    private bool _running;
    private bool _canRun;
    private string? _error;

    /// <summary>The saved connection to check.</summary>
    [Parameter, EditorRequired]
    public long ConnectionId { get; set; }

    /// <summary>Called with the report when a run ends (e.g. to refresh the connection's status).</summary>
    [Parameter]
    public EventCallback<SystemsCheckReport> OnCompleted { get; set; }

    /// <summary>Start a run as soon as the page is interactive (the wizard's "Save and run the Systems Check").</summary>
    [Parameter]
    public bool AutoStart { get; set; }

    [Inject]
    private SystemsCheckService Checks { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        var user = await CurrentUserAsync();
        _canRun = ConnectionRoles.CanOperate(user);
        _history = await Checks.HistoryAsync(user, ConnectionId, 5, ComponentToken);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && AutoStart && _canRun)
        {
            await RunAsync();
        }
    }

    private async Task RunAsync()
    {
        if (_running)
        {
            return;
        }

        _running = true;
        _error = null;
        _steps.Clear();
        try
        {
            var user = await CurrentUserAsync();
            var result = await Checks.RunAsync(user, ConnectionId, _createTestIncident, SystemsCheckTriggers.Portal, step =>
            {
                _steps.Add(step);
                StateHasChanged();
                return Task.CompletedTask;
            }, ComponentToken);
            _running = false;
            if (result.Value is not { } report)
            {
                _error = result.ErrorText;
                return;
            }

            _history = await Checks.HistoryAsync(user, ConnectionId, 5, ComponentToken);
            StateHasChanged();
            await OnCompleted.InvokeAsync(report);
            await Dialogs.ShowAsync<SystemsCheckSummaryDialog>("Systems Check result",
                new DialogParameters<SystemsCheckSummaryDialog> { { d => d.Report, report } },
                new DialogOptions { MaxWidth = MaxWidth.Medium });
        }
        catch (OperationCanceledException) when (ComponentToken.IsCancellationRequested)
        {
            // The page was closed: the run is stored as cancelled.
        }
        finally
        {
            _running = false;
        }
    }

    internal static string Label(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => "Pass",
        CheckOutcome.Warn => "Warn",
        CheckOutcome.Fail => "Fail",
        _ => "Skipped",
    };

    internal static string RunLabel(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Passed => "Passed",
        RunOutcome.PassedWithWarnings => "Passed with warnings",
        RunOutcome.Failed => "Failed",
        RunOutcome.Cancelled => "Cancelled",
        _ => "Running",
    };

    internal static Color ColorOf(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => Color.Success,
        CheckOutcome.Warn => Color.Warning,
        CheckOutcome.Fail => Color.Error,
        _ => Color.Default,
    };

    internal static Color ColorOf(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Passed => Color.Success,
        RunOutcome.PassedWithWarnings => Color.Warning,
        RunOutcome.Failed => Color.Error,
        _ => Color.Default,
    };

    internal static string Duration(CheckStepResult step) => step.Outcome == CheckOutcome.Skipped && step.Duration == TimeSpan.Zero
        ? ""
        : step.Duration.TotalSeconds >= 1
            ? step.Duration.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture)
            : step.Duration.TotalMilliseconds.ToString("0 'ms'", CultureInfo.InvariantCulture);
}
