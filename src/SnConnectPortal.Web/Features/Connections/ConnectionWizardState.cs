using FluentValidation;
using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>
/// The wizard's state, kept out of the markup: the draft, the current step, and the messages of the last validation
/// by field. Moving forward validates every step on the way; moving back never loses what was typed.
/// </summary>
public sealed class ConnectionWizardState(IValidator<ConnectionDraft> validator, IOptions<ConnectionsOptions> options)
{
    private Dictionary<string, List<string>> _errors = [];
    private ConnectionDraftSnapshot _start = ConnectionDraftSnapshot.Of(new ConnectionDraft());

    public ConnectionDraft Draft { get; private set; } = new();

    public int StepIndex { get; private set; }

    public bool IsEdit => Draft.Id is not null;

    public bool IsLastStep => StepIndex == WizardSteps.All.Count - 1;

    public IReadOnlyDictionary<string, List<string>> Errors => _errors;

    /// <summary>Whether anything was typed or chosen since the wizard opened (Cancel then asks before discarding it).</summary>
    public bool HasChanges => ConnectionDraftSnapshot.Of(Draft) != _start;

    /// <summary>Whether saving would change the address or credentials, so that the last check no longer counts.</summary>
    public bool ChangesReachability => ConnectionDraftSnapshot.Of(Draft).ChangesReachabilityFrom(_start);

    public void Start(ConnectionDraft draft, int stepIndex)
    {
        ArgumentNullException.ThrowIfNull(draft);
        Draft = draft;
        _start = ConnectionDraftSnapshot.Of(draft);
        StepIndex = Math.Clamp(stepIndex, 0, WizardSteps.All.Count - 1);
        _errors = [];
    }

    /// <summary>Drops the messages of the last validation, e.g. once the fields they were about have been filled in.</summary>
    public void ClearErrors() => _errors = [];

    public string? ErrorFor(string property) => _errors.TryGetValue(property, out var messages) ? string.Join(" ", messages) : null;

    public Task<bool> NextAsync(CancellationToken cancellationToken) => GoToAsync(StepIndex + 1, cancellationToken);

    public void Back()
    {
        _errors = [];
        StepIndex = Math.Max(0, StepIndex - 1);
    }

    /// <summary>
    /// Moves to <paramref name="target"/>. Going forward, every step before it must pass; on the first that does not,
    /// the wizard stops there with its messages.
    /// </summary>
    public async Task<bool> GoToAsync(int target, CancellationToken cancellationToken)
    {
        target = Math.Clamp(target, 0, WizardSteps.All.Count - 1);
        for (var step = target > StepIndex ? StepIndex : target; step < target; step++)
        {
            if (!await ValidateStepAsync(step, cancellationToken))
            {
                StepIndex = step;
                return false;
            }
        }

        _errors = [];
        StepIndex = target;
        return true;
    }

    /// <summary>Validates every step, for the review step's save.</summary>
    public async Task<bool> ValidateAllAsync(CancellationToken cancellationToken)
    {
        for (var step = 0; step < WizardSteps.All.Count - 1; step++)
        {
            if (!await ValidateStepAsync(step, cancellationToken))
            {
                StepIndex = step;
                return false;
            }
        }

        return true;
    }

    private async Task<bool> ValidateStepAsync(int step, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(Draft, o => o.IncludeRuleSets(WizardSteps.All[step]), cancellationToken);
        _errors = result.Errors
            .GroupBy(e => e.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToList());
        if (result.IsValid && WizardSteps.All[step] == WizardSteps.Instance)
        {
            // Show the address as it will be stored: https, lower-case host, trailing slash.
            Draft.InstanceAddress = InstanceAddress.Parse(Draft.InstanceAddress, options.Value).Url!.AbsoluteUri;
        }

        return result.IsValid;
    }
}
