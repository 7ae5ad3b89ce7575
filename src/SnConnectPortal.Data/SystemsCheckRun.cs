namespace SnConnectPortal.Data;

/// <summary>
/// One run of the Systems Check against a connection: who ran it, when, how it ended, and its steps in order.
/// Holds what was seen and the remedies, never a secret.
/// </summary>
public class SystemsCheckRun
{
    public long Id { get; set; }

    public long ConnectionId { get; set; }

    public DateTime StartedAt { get; set; }

    /// <summary>When the last step finished; null while the run is in progress (or was cut off by a shutdown).</summary>
    public DateTime? FinishedAt { get; set; }

    /// <summary>The portal user who ran it.</summary>
    public required string StartedBy { get; set; }

    /// <summary>Where it was started from: Portal (the panel) or Api (the server endpoint).</summary>
    public required string Trigger { get; set; }

    public required RunOutcome Outcome { get; set; }

    /// <summary>One line for lists and the connection's last-check summary.</summary>
    public string? Summary { get; set; }

    /// <summary>Whether the administrator asked for a test incident (the only write a check ever makes).</summary>
    public bool CreateTestIncident { get; set; }

    /// <summary>The number of the test incident created, e.g. INC0010001.</summary>
    public string? TestIncidentNumber { get; set; }

    public List<SystemsCheckRunStep> Steps { get; } = [];
}
