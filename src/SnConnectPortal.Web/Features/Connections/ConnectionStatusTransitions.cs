using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>What happens to a connection that can move its status.</summary>
public enum ConnectionEvent
{
    CheckPassed,
    CheckFailed,

    /// <summary>The address, sign-in mode, integration user, client id or a secret changed: the last check no longer proves anything.</summary>
    ReachabilityChanged,

    /// <summary>Anything else changed (name, time zone, environment, tables, rate limit): the status stays.</summary>
    OtherSettingsChanged,

    Activated,
    Disabled,
    EnabledAfterPassedCheck,
    EnabledAfterFailedCheck,
    EnabledUnchecked,
}

/// <summary>One allowed move: from a status, on an event, to a status (possibly the same).</summary>
public sealed record ConnectionStatusTransition(ConnectionStatus From, ConnectionEvent On, ConnectionStatus To);

/// <summary>
/// The connection status state machine, in one table: every status change the portal makes is looked up here, and
/// the connection page and the README describe this same table. A move that is not in the table is not allowed
/// (activating a connection that is not Verified, enabling one that is not Disabled).
/// </summary>
public static class ConnectionStatusTransitions
{
    /// <summary>A new connection's status.</summary>
    public const ConnectionStatus Initial = ConnectionStatus.Unverified;

    private static readonly ConnectionStatus[] Enabled =
        [ConnectionStatus.Unverified, ConnectionStatus.Verified, ConnectionStatus.Active, ConnectionStatus.Failing];

    public static IReadOnlyList<ConnectionStatusTransition> All { get; } = Build();

    /// <summary>The status after <paramref name="event"/>, or null when the event is not allowed in <paramref name="current"/>.</summary>
    public static ConnectionStatus? Next(ConnectionStatus current, ConnectionEvent @event) =>
        All.FirstOrDefault(t => t.From == current && t.On == @event)?.To;

    /// <summary>The status after a Systems Check.</summary>
    public static ConnectionStatus AfterCheck(ConnectionStatus current, bool passed) =>
        Next(current, passed ? ConnectionEvent.CheckPassed : ConnectionEvent.CheckFailed) ?? current;

    /// <summary>The status after an edit; <paramref name="reachabilityChanged"/> when the address or credentials changed.</summary>
    public static ConnectionStatus AfterEdit(ConnectionStatus current, bool reachabilityChanged) =>
        Next(current, reachabilityChanged ? ConnectionEvent.ReachabilityChanged : ConnectionEvent.OtherSettingsChanged) ?? current;

    /// <summary>The event of enabling a connection whose last check passed, failed, or never ran (null).</summary>
    public static ConnectionEvent EnableEvent(bool? lastCheckPassed) => lastCheckPassed switch
    {
        true => ConnectionEvent.EnabledAfterPassedCheck,
        false => ConnectionEvent.EnabledAfterFailedCheck,
        null => ConnectionEvent.EnabledUnchecked,
    };

    /// <summary>The moves out of <paramref name="current"/> to another status, for the connection page.</summary>
    public static IReadOnlyList<ConnectionStatusTransition> LeavingFrom(ConnectionStatus current) =>
        [.. All.Where(t => t.From == current && t.To != current)];

    /// <summary>What the status means, in a sentence.</summary>
    public static string Meaning(ConnectionStatus status) => status switch
    {
        ConnectionStatus.Unverified => "Saved, but no Systems Check has passed since it was created or its address or credentials last changed.",
        ConnectionStatus.Verified => "The last Systems Check passed: the portal reaches the instance and signs in.",
        ConnectionStatus.Active => "Verified and put into service by an Admin.",
        ConnectionStatus.Failing => "The last Systems Check failed: its report says what to change.",
        ConnectionStatus.Disabled => "Switched off by an Admin: nothing is delivered to ServiceNow until an Admin enables it. Checks still run and are recorded.",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The event in words, as the end of "… when …".</summary>
    public static string Describe(ConnectionEvent @event) => @event switch
    {
        ConnectionEvent.CheckPassed => "a Systems Check passes",
        ConnectionEvent.CheckFailed => "a Systems Check fails",
        ConnectionEvent.ReachabilityChanged => "an Admin changes the address, sign-in mode, integration user, client id or a secret",
        ConnectionEvent.OtherSettingsChanged => "an Admin changes the name, time zone, environment, tables or behaviour",
        ConnectionEvent.Activated => "an Admin activates it",
        ConnectionEvent.Disabled => "an Admin disables it",
        ConnectionEvent.EnabledAfterPassedCheck => "an Admin enables it and its last check passed",
        ConnectionEvent.EnabledAfterFailedCheck => "an Admin enables it and its last check failed",
        ConnectionEvent.EnabledUnchecked => "an Admin enables it and it was never checked",
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event, null),
    };

    private static List<ConnectionStatusTransition> Build()
    {
        var table = new List<ConnectionStatusTransition>();
        Add(ConnectionStatus.Verified, ConnectionEvent.Activated, ConnectionStatus.Active);
        foreach (var from in Enabled)
        {
            // A passing check keeps an Active connection Active; it makes any other Verified.
            Add(from, ConnectionEvent.CheckPassed, from == ConnectionStatus.Active ? ConnectionStatus.Active : ConnectionStatus.Verified);
            Add(from, ConnectionEvent.CheckFailed, ConnectionStatus.Failing);
            Add(from, ConnectionEvent.ReachabilityChanged, ConnectionStatus.Unverified);
            Add(from, ConnectionEvent.OtherSettingsChanged, from);
            Add(from, ConnectionEvent.Disabled, ConnectionStatus.Disabled);
        }

        // Disabled stays Disabled whatever is checked or changed; enabling goes back to what the last check said.
        Add(ConnectionStatus.Disabled, ConnectionEvent.CheckPassed, ConnectionStatus.Disabled);
        Add(ConnectionStatus.Disabled, ConnectionEvent.CheckFailed, ConnectionStatus.Disabled);
        Add(ConnectionStatus.Disabled, ConnectionEvent.ReachabilityChanged, ConnectionStatus.Disabled);
        Add(ConnectionStatus.Disabled, ConnectionEvent.OtherSettingsChanged, ConnectionStatus.Disabled);
        Add(ConnectionStatus.Disabled, ConnectionEvent.EnabledAfterPassedCheck, ConnectionStatus.Verified);
        Add(ConnectionStatus.Disabled, ConnectionEvent.EnabledAfterFailedCheck, ConnectionStatus.Failing);
        Add(ConnectionStatus.Disabled, ConnectionEvent.EnabledUnchecked, ConnectionStatus.Unverified);
        return table;

        void Add(ConnectionStatus from, ConnectionEvent on, ConnectionStatus to) => table.Add(new(from, on, to));
    }
}
