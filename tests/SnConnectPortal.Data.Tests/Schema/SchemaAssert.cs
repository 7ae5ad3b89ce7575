namespace SnConnectPortal.Data.Tests.Schema;

internal static class SchemaAssert
{
    /// <summary>Fails listing every difference between the model's schema and the database's.</summary>
    public static void Same(SchemaDescription model, SchemaDescription database)
    {
        Assert.NotEmpty(model.Facts);
        var differences = database.DifferencesFrom(model);
        Assert.True(
            differences.Count == 0,
            $"The migrated database differs from the model in {differences.Count} place(s). Add a migration " +
            $"(scripts/migrations.sh add <Name>; see docs/data.md):{Environment.NewLine}{string.Join(Environment.NewLine, differences)}");
    }
}
