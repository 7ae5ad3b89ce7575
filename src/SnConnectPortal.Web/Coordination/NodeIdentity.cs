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

    private static string Clip(string machineName) => machineName.Length <= 100 ? machineName : machineName[..100];
}
