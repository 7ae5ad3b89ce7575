using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace SnConnectPortal.Data.RowWriters;

/// <summary>
/// One entity type's table as the EF model maps it: the delimited table name, the columns a row supplies (every
/// property the database does not generate) and its generated key, and how to fill a command's parameters from a row.
/// </summary>
internal sealed class ModelInsert
{
    private readonly ISqlGenerationHelper _sql;
    private readonly StoreObjectIdentifier _table;

    public ModelInsert(DbContext db, Type rowType)
    {
        var entity = db.Model.FindEntityType(rowType) ?? throw new InvalidOperationException($"{rowType.Name} is not in the model.");
        _sql = db.GetService<ISqlGenerationHelper>();
        _table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        Columns = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToList();
        Key = entity.FindPrimaryKey()?.Properties is [var key] && key.ValueGenerated != ValueGenerated.Never ? key : null;
    }

    public IReadOnlyList<IProperty> Columns { get; }

    /// <summary>The single generated key column, if the table has one.</summary>
    public IProperty? Key { get; }

    public string Table => _sql.DelimitIdentifier(_table.Name, _table.Schema);

    public string ColumnList => string.Join(", ", Columns.Select(Column));

    public string ParameterList => string.Join(", ", Columns.Select((_, i) => ParameterName(i)));

    public string KeyColumn => Column(Key ?? throw new InvalidOperationException($"{_table.Name} has no single generated key."));

    public string Column(IProperty property) => _sql.DelimitIdentifier(property.GetColumnName(_table)!);

    /// <summary>Adds one parameter per column to <paramref name="command"/>; each slot sets its parameter from a row.</summary>
    public IReadOnlyList<ColumnSlot> Bind(DbCommand command)
    {
        var slots = Columns.Select((column, i) => new ColumnSlot(column, command, ParameterName(i))).ToList();
        command.Parameters.AddRange(slots.Select(s => s.Parameter).ToArray());
        return slots;
    }

    private static string ParameterName(int index) => "@p" + index;
}

/// <summary>One column's parameter, and how to fill it from an entity (through the column's value converter).</summary>
internal sealed class ColumnSlot(IProperty column, DbCommand command, string name)
{
    private readonly IClrPropertyGetter _getter = column.GetGetter();
    private readonly RelationalTypeMapping _mapping = column.GetRelationalTypeMapping();

    public DbParameter Parameter { get; } = column.GetRelationalTypeMapping().CreateParameter(command, name, null, column.IsNullable);

    public void Set(object row) => Parameter.Value = ProviderValue(_getter, _mapping, row) ?? DBNull.Value;

    /// <summary>The value the database stores for <paramref name="row"/>'s property, or null.</summary>
    public static object? ProviderValue(IClrPropertyGetter getter, RelationalTypeMapping mapping, object row)
    {
        var value = getter.GetClrValueUsingContainingEntity(row);
        return value is null ? null : mapping.Converter?.ConvertToProvider(value) ?? value;
    }
}
