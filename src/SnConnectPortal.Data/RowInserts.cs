using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace SnConnectPortal.Data;

/// <summary>
/// Inserts many new rows of one entity type through a single prepared INSERT, built from the EF model (table,
/// columns, type mappings and value converters), on either provider. For bulk loads where tracking each entity and
/// reading its generated key back would cost several times the insert itself; the rows are not tracked and their
/// generated keys are not read.
/// </summary>
public static class RowInserts
{
    /// <summary>Inserts <paramref name="rows"/> in the context's current transaction, if it has one.</summary>
    public static async Task InsertRowsAsync<T>(this DbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToList();

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText =
                $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
                $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) " +
                $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
            var slots = columns.Select((column, i) => new Slot(column, column.GetRelationalTypeMapping(), command, "@p" + i)).ToList();
            command.Parameters.AddRange(slots.Select(s => s.Parameter).ToArray());
            await command.PrepareAsync(cancellationToken);
            foreach (var row in rows)
            {
                foreach (var slot in slots)
                {
                    slot.Set(row);
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>One column's parameter, and how to fill it from an entity.</summary>
    private sealed class Slot(IProperty column, RelationalTypeMapping mapping, DbCommand command, string name)
    {
        private readonly IClrPropertyGetter _getter = column.GetGetter();

        public DbParameter Parameter { get; } = mapping.CreateParameter(command, name, null, column.IsNullable);

        public void Set(object row)
        {
            var value = _getter.GetClrValueUsingContainingEntity(row);
            Parameter.Value = (value is null ? null : mapping.Converter?.ConvertToProvider(value) ?? value) ?? DBNull.Value;
        }
    }
}
