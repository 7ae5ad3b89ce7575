namespace SnConnectPortal.Data;

/// <summary>How a whole Systems Check run ended (<see cref="SystemsCheckRun.Outcome"/>). Stored by name.</summary>
public enum RunOutcome
{
    /// <summary>Still running (or cut off by a shutdown before it finished).</summary>
    Running,

    /// <summary>Every step passed or did not apply.</summary>
    Passed,

    /// <summary>No step failed; some warned.</summary>
    PassedWithWarnings,

    /// <summary>At least one step failed.</summary>
    Failed,

    /// <summary>Stopped before the end (the page was closed); the connection's status is unchanged.</summary>
    Cancelled,
}
