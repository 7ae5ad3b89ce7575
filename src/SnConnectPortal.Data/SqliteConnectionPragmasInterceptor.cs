using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SnConnectPortal.Data;

/// <summary>
/// Sets SQLite's per-connection settings each time EF opens a connection: writers wait for the lock
/// instead of failing at once with SQLITE_BUSY.
/// </summary>
/// <remarks>WAL mode is not here: it is stored in the database file and set once at start.</remarks>
public sealed class SqliteConnectionPragmasInterceptor : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 5000;

    private static readonly string Pragmas = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection,
        ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
