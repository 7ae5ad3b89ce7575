using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.SystemsCheck;

/// <summary>One finished step, as streamed to the page and stored in the history.</summary>
/// <param name="Position">0-based order in the run.</param>
/// <param name="Key">Stable id, e.g. <c>read:incident</c>.</param>
/// <param name="Name">What the step checks, for the page.</param>
/// <param name="Outcome">Pass, warn, fail or skipped.</param>
/// <param name="Duration">How long the step ran (zero when skipped).</param>
/// <param name="Seen">What it saw; for a skipped step, why it did not run.</param>
/// <param name="Remedy">What to change, or null.</param>
/// <param name="LinkUrl">A link it produced, or null.</param>
/// <param name="LinkText">The link's text (the test incident's number), or null.</param>
public sealed record CheckStepResult(
    int Position,
    string Key,
    string Name,
    CheckOutcome Outcome,
    TimeSpan Duration,
    string Seen,
    string? Remedy,
    Uri? LinkUrl,
    string? LinkText = null)
{
    /// <summary>Whether later steps that need this one can run: a failure, or a skip caused by one, blocks them.</summary>
    internal bool Blocks { get; init; }
}
