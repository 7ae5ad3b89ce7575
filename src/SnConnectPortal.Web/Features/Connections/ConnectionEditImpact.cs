using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>
/// What saving an edit does to a connection's status, told before the save (the wizard's review step) and applied
/// by <see cref="ConnectionAdministration"/> through <see cref="ConnectionStatusTransitions"/>.
/// </summary>
public static class ConnectionEditImpact
{
    /// <summary>The stored settings (as the audit log names them) whose change means the last check proves nothing.</summary>
    public static IReadOnlySet<string> ReachabilityFields { get; } = new HashSet<string>(StringComparer.Ordinal) { "InstanceUrl", "AuthMode", "UserName", "ClientId" };

    /// <summary>A sentence for the review step: what the connection's status will be once the edit is saved.</summary>
    public static string Describe(ConnectionStatus current, bool reachabilityChanged)
    {
        var after = ConnectionStatusTransitions.AfterEdit(current, reachabilityChanged);
        if (!reachabilityChanged)
        {
            return $"Its status stays {after}: the name, time zone, environment, tables and behaviour do not change how the portal reaches ServiceNow.";
        }

        return current == ConnectionStatus.Disabled
            ? "It stays Disabled. Because the address or credentials change, the last check no longer counts: once enabled it is Unverified until a Systems Check passes."
            : $"Changing the address or credentials makes it {after} (now {current}) until a Systems Check passes.";
    }
}
