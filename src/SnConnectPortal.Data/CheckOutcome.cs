namespace SnConnectPortal.Data;

/// <summary>How one step of the Systems Check ended (<see cref="SystemsCheckRunStep.Outcome"/>). Stored by name.</summary>
public enum CheckOutcome
{
    /// <summary>What the step proves holds.</summary>
    Pass,

    /// <summary>Works, but something will bite later (a value that can be cut, a missing recommendation).</summary>
    Warn,

    /// <summary>Messages will not get through until the remedy is applied.</summary>
    Fail,

    /// <summary>Not run: an earlier step it needs failed, or it does not apply to this connection.</summary>
    Skipped,
}
