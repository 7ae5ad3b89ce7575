using Microsoft.Extensions.Options;
using SnConnectPortal.Sandbox.Configuration;
using SnConnectPortal.Sandbox.Store;
using SnConnectPortal.Sandbox.Tables;

namespace SnConnectPortal.Sandbox.Seeding;

/// <summary>Puts the store into its startup state, or replaces its extra records.</summary>
internal sealed class InstanceSeeder(InstanceStore store, IOptions<SandboxOptions> options, SandboxClock clock)
{
    private static readonly string[] ExtraTables =
        [TableCatalog.GroupMember, TableCatalog.Incident, TableCatalog.Group, TableCatalog.User];

    public SeedCounts StartupCounts =>
        new(options.Value.ExtraUsers, options.Value.ExtraGroups, options.Value.ExtraIncidents);

    /// <summary>Back to the startup seed: the fixed records plus the configured extra records.</summary>
    public void Reset() => store.Write(() =>
    {
        using (store.SuspendJournal())
        {
            store.Clear();
            FixedSeed.Apply(store);
            if (options.Value.DemoDirectory)
            {
                DemoDirectorySeeder.Apply(store, clock.UtcNow);
            }

            BogusSeeder.Apply(store, StartupCounts, options.Value.BogusSeed, clock.UtcNow);
        }

        store.Checkpoint();
    });

    /// <summary>Replaces the extra (Bogus) records with the given counts; the fixed seed stays.</summary>
    public void Reseed(SeedCounts counts) => store.Write(() =>
    {
        using (store.SuspendJournal())
        {
            foreach (var table in ExtraTables)
            {
                store.RemoveExtras(table);
            }

            BogusSeeder.Apply(store, counts, options.Value.BogusSeed, clock.UtcNow);
        }

        store.Checkpoint();
    });
}
