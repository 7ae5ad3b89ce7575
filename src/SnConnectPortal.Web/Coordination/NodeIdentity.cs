using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace SnConnectPortal.Web.Coordination;

/// <summary>
/// This portal process's name among the nodes on one database: machine name, process id and a short random part
/// (two portals in one process, as in tests, still differ). Job leases are held under it and logs name it.
/// </summary>
public sealed class NodeIdentity
{
    public string Name { get; } = string.Create(CultureInfo.InvariantCulture,
        $"{Clip(Environment.MachineName)}:{Environment.ProcessId}:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");

    public override string ToString() => Name;

    /// <summary>
    /// Whether <paramref name="holder"/> names a node of this machine whose process is no longer running: one that was
    /// killed and whose lease has not lapsed yet, rather than a live second node.
    /// </summary>
    public static bool IsGoneFromThisMachine(string holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var parts = holder.Split(':');
        if (parts.Length != 3 || parts[0] != Clip(Environment.MachineName)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var processId))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static string Clip(string machineName) => machineName.Length <= 100 ? machineName : machineName[..100];
}
