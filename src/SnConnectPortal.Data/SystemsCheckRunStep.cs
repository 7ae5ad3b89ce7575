namespace SnConnectPortal.Data;

/// <summary>One step of a stored <see cref="SystemsCheckRun"/>, as the page showed it.</summary>
public class SystemsCheckRunStep
{
    public long Id { get; set; }

    public long RunId { get; set; }

    /// <summary>0-based order within the run.</summary>
    public int Position { get; set; }

    /// <summary>Stable id of the step, e.g. <c>read:incident</c>.</summary>
    public required string StepKey { get; set; }

    public required string Name { get; set; }

    public required CheckOutcome Outcome { get; set; }

    public long DurationMs { get; set; }

    /// <summary>What the step saw, in words for an administrator.</summary>
    public required string Seen { get; set; }

    /// <summary>What to change, in ServiceNow's words; null when nothing needs changing.</summary>
    public string? Remedy { get; set; }

    /// <summary>A link the step produced (the test incident in ServiceNow).</summary>
    public string? LinkUrl { get; set; }
}
