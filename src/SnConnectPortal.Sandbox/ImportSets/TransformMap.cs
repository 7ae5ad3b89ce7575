namespace SnConnectPortal.Sandbox.ImportSets;

/// <summary>A staging table's transform map: source column → target column on the target table.</summary>
internal sealed record TransformMap(string Name, string StagingTable, string TargetTable, IReadOnlyDictionary<string, string> FieldMap)
{
    /// <summary>The IONIX inbound web service of the seeds: ionix_action_item → incident.</summary>
    public static readonly TransformMap Ionix = new("IONIX action item", "ionix_action_item", Tables.TableCatalog.Incident,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = "short_description",
            ["body"] = "description",
            ["category"] = "category",
            ["impact"] = "impact",
            ["urgency"] = "urgency",
            ["opening_date"] = "opened_at",
        });

    private static readonly Dictionary<string, TransformMap> ByStagingTable =
        new(StringComparer.Ordinal) { [Ionix.StagingTable] = Ionix };

    public static TransformMap? ForStagingTable(string name) => ByStagingTable.GetValueOrDefault(name);
}
