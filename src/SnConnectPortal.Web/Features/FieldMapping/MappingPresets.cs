namespace SnConnectPortal.Web.Features.FieldMapping;

/// <summary>A ready-made mapping from the seeds, for one table, picked in the editor and changed there as wished.</summary>
/// <param name="Key">Stable name, used in the editor's picker and in the audit log.</param>
public sealed record MappingPreset(string Key, string Name, string Table, string Description, Func<TableMapping> Create);

/// <summary>
/// The seeds' mappings (PRODUCT.md sections 4 and 6). IONIX: action items become incidents with its urgency scale
/// (9.0–10.0 → 1 High, 7.0–8.9 → 2 Medium, 0.0–6.9 → 3 Low), impact by category (Vulnerability → 1; PKI, DNS, Cloud
/// → 2), its transform map's fields (name → short description, body → description, opening_date → opened) and an
/// urgency threshold; priority is left to ServiceNow's impact × urgency matrix. WSO2: a user name, a title and a
/// description become an incident whose caller is the user the name maps to.
/// </summary>
public static class MappingPresets
{
    public const string IonixKey = "ionix-action-item";
    public const string Wso2Key = "wso2-incident";

    /// <summary>IONIX's threshold on its 1–10 urgency scale: action items below it make no incident.</summary>
    public const decimal IonixThreshold = 7.0m;

    public static IReadOnlyList<MappingPreset> All { get; } =
    [
        new(IonixKey, "IONIX action item → incident", "incident",
            "urgency 9.0–10.0 → 1, 7.0–8.9 → 2, 0.0–6.9 → 3; impact by category (Vulnerability → 1; PKI, DNS, Cloud → 2); " +
            "action items with urgency below 7.0 are skipped; name → short description, body → description, opening_date → opened.",
            Ionix),
        new(Wso2Key, "WSO2 incident (caller by user name)", "incident",
            "username → caller (the hub user it names, through the user mapping), title → short description, description → description.",
            Wso2),
    ];

    public static IEnumerable<MappingPreset> For(string table) => All.Where(p => p.Table == table);

    public static MappingPreset? Find(string key) => All.FirstOrDefault(p => p.Key == key);

    private static TableMapping Ionix() => new()
    {
        Rules =
        [
            Copy("name", "short_description"),
            Copy("body", "description"),
            Copy("category", "category"),
            new MappingRule
            {
                Kind = MappingRuleKind.ValueMap,
                Source = "category",
                Target = "impact",
                Cases = [Case("Vulnerability", "1"), Case("PKI", "2"), Case("DNS", "2"), Case("Cloud", "2")],
                Default = "3",
            },
            new MappingRule
            {
                Kind = MappingRuleKind.Range,
                Source = "urgency",
                Target = "urgency",
                Ranges = [Range(9.0m, 10.0m, "1"), Range(7.0m, 8.9m, "2"), Range(0.0m, 6.9m, "3")],
            },
            Copy("opening_date", "opened_at"),
        ],
        ThresholdField = "urgency",
        ThresholdMinimum = IonixThreshold,
    };

    private static TableMapping Wso2() => new()
    {
        Rules =
        [
            new MappingRule { Kind = MappingRuleKind.User, Source = "username", Target = "caller_id" },
            Copy("title", "short_description"),
            Copy("description", "description"),
        ],
    };

    private static MappingRule Copy(string source, string target) => new() { Kind = MappingRuleKind.Copy, Source = source, Target = target };

    private static ValueCase Case(string from, string to) => new() { From = from, To = to };

    private static NumericRange Range(decimal min, decimal max, string to) => new() { Min = min, Max = max, To = to };
}
