using Microsoft.EntityFrameworkCore;

namespace SnConnectPortal.Data.RowWriters;

/// <summary>
/// Inserts that EF's change tracker makes several times slower than the insert itself (the inbound group commit, the
/// user import's new users), written as raw statements built from the EF model (table, columns, type mappings, value
/// converters), one implementation per provider. The rows are not tracked. Both run in the context's current
/// transaction, if it has one.
/// </summary>
public interface IRowWriter
{
    /// <summary>Inserts <paramref name="rows"/>; their generated keys are not read.</summary>
    Task InsertAsync<T>(DbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Inserts <paramref name="rows"/> and returns each one's generated key, in the rows' order.</summary>
    Task<long[]> InsertReturningKeysAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class;
}
