namespace SnConnectPortal.Sandbox.Configuration;

/// <summary>Startup options, bound from the <c>Sandbox</c> section (e.g. <c>--Sandbox:ExtraUsers=1000</c>).</summary>
internal sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    public int ExtraUsers { get; set; }

    public int ExtraGroups { get; set; }

    public int ExtraIncidents { get; set; }

    /// <summary>
    /// Seed a company directory to try user mapping on (departments and a few hundred users, some inactive, locked out
    /// or sharing a name or email). Off by default; the portal turns it on when it starts the sandbox beside itself.
    /// </summary>
    public bool DemoDirectory { get; set; }

    /// <summary>SQLite file that keeps the state across restarts; in memory when empty.</summary>
    public string? StorePath { get; set; }

    /// <summary>Seed of the Bogus generator, so that the extra records are the same on every start.</summary>
    public int BogusSeed { get; set; } = 8675309;

    /// <summary>Entries kept in the request log before the oldest are dropped.</summary>
    public int RequestLogCapacity { get; set; } = 10_000;
}
