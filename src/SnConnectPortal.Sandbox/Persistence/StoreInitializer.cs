using Microsoft.Extensions.Options;
using SnConnectPortal.Sandbox.Configuration;
using SnConnectPortal.Sandbox.Seeding;
using SnConnectPortal.Sandbox.Store;

namespace SnConnectPortal.Sandbox.Persistence;

/// <summary>Fills the store before the server listens: from the SQLite file when it has state, else the startup seed.</summary>
internal sealed partial class StoreInitializer(
    InstanceStore store, InstanceSeeder seeder, SqliteJournal journal, IOptions<SandboxOptions> options,
    ILogger<StoreInitializer> logger)
{
    public void Initialize()
    {
        if (options.Value.StorePath is not { Length: > 0 } path)
        {
            seeder.Reset();
            LogSeeded(store.Read(() => store.Table(Tables.TableCatalog.User).Count), "memory");
            return;
        }

        journal.Open(path);
        if (journal.Load() is { } snapshot)
        {
            store.Write(() => store.Load(snapshot));
            store.AttachJournal(journal);
            LogSeeded(store.Read(() => store.Table(Tables.TableCatalog.User).Count), path);
            return;
        }

        store.AttachJournal(journal);
        seeder.Reset();
        LogSeeded(store.Read(() => store.Table(Tables.TableCatalog.User).Count), path);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox store ready with {Users} users ({Where})")]
    private partial void LogSeeded(int users, string where);
}
