using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SnConnectPortal.Data.Tests.Schema;

/// <summary>The schema the EF model asks for, with the store types of the context's provider.</summary>
internal static class ModelSchemaReader
{
    public static SchemaDescription Read(DbContext context)
    {
        var model = context.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var schema = new SchemaDescription();
        foreach (var table in model.Tables)
        {
            schema.AddTable(table.Name);
            foreach (var column in table.Columns)
            {
                schema.AddColumn(table.Name, column.Name, column.StoreType, column.IsNullable, IsGeneratedKey(column));
            }

            if (table.PrimaryKey is { } primaryKey)
            {
                schema.AddPrimaryKey(table.Name, primaryKey.Columns.Select(column => column.Name));
            }

            foreach (var unique in table.UniqueConstraints.Where(constraint => constraint != table.PrimaryKey))
            {
                schema.AddUniqueConstraint(table.Name, unique.Columns.Select(column => column.Name));
            }

            foreach (var index in table.Indexes)
            {
                schema.AddIndex(table.Name, index.Name, index.Columns.Select(column => column.Name), index.IsUnique);
            }

            foreach (var foreignKey in table.ForeignKeyConstraints)
            {
                schema.AddForeignKey(
                    table.Name,
                    foreignKey.Columns.Select(column => column.Name),
                    foreignKey.PrincipalTable.Name,
                    foreignKey.PrincipalColumns.Select(column => column.Name),
                    ToSql(foreignKey.OnDeleteAction));
            }
        }

        return schema;
    }

    // EF makes a single integer key that is generated on add an identity (PostgreSQL) or AUTOINCREMENT (SQLite) column.
    private static bool IsGeneratedKey(IColumn column) =>
        column.PropertyMappings.Select(mapping => mapping.Property).Any(property =>
            property.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd
            && property.IsPrimaryKey()
            && property.FindContainingPrimaryKey()!.Properties.Count == 1
            && (property.ClrType == typeof(int) || property.ClrType == typeof(long)));

    private static string ToSql(ReferentialAction action) => action switch
    {
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.Restrict => "RESTRICT",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.SetDefault => "SET DEFAULT",
        _ => "NO ACTION",
    };
}
