using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Connections;
using SnConnectPortal.Web.Features.SystemsCheck.Steps;

namespace SnConnectPortal.Web.Features.SystemsCheck;

/// <summary>Where in the connection wizard a failed check is fixed: the step to open and the words of the link.</summary>
public sealed record CheckFailureFix(int WizardStep, string Text)
{
    /// <summary>
    /// The fix for the first failed step that the wizard can fix: the instance step for address, DNS, TLS and
    /// "is this ServiceNow" failures, the credentials step for sign-in failures; null when the fix is in ServiceNow.
    /// </summary>
    public static CheckFailureFix? For(IEnumerable<CheckStepResult> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return steps.Where(s => s.Outcome == CheckOutcome.Fail).Select(s => ForStep(s.Key)).FirstOrDefault(fix => fix is not null);
    }

    private static CheckFailureFix? ForStep(string key) => key switch
    {
        AddressStep.StepKey or TlsStep.StepKey or ServiceNowIdentityStep.StepKey =>
            new(IndexOf(WizardSteps.Instance), "Change the instance address"),
        AuthenticationStep.StepKey => new(IndexOf(WizardSteps.Credentials), "Change the credentials"),
        _ => null,
    };

    private static int IndexOf(string step) => WizardSteps.All.ToList().IndexOf(step);
}
