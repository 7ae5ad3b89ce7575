using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.SystemsCheck;

/// <summary>What a step returns: how it ended, what it saw, and what to change (in ServiceNow's words).</summary>
/// <param name="Outcome">Pass, warn, fail or skipped.</param>
/// <param name="Seen">What the step saw, for an administrator; never a secret.</param>
/// <param name="Remedy">What to change; null when nothing needs changing.</param>
/// <param name="LinkUrl">A link the step produced (the test incident).</param>
/// <param name="LinkText">The link's text (the test incident's number).</param>
public sealed record StepOutcome(CheckOutcome Outcome, string Seen, string? Remedy = null, Uri? LinkUrl = null, string? LinkText = null)
{
    public static StepOutcome Pass(string seen) => new(CheckOutcome.Pass, seen);

    public static StepOutcome Warn(string seen, string remedy) => new(CheckOutcome.Warn, seen, remedy);

    public static StepOutcome Fail(string seen, string remedy) => new(CheckOutcome.Fail, seen, remedy);

    /// <summary>Does not apply to this connection (not a failure: later steps still run).</summary>
    public static StepOutcome NotApplicable(string reason) => new(CheckOutcome.Skipped, reason);
}
