namespace SnConnectPortal.Sandbox.Tables;

/// <summary>Choice labels (sys_choice) for the task fields, used for display values (SERVICENOW-API.md section 5).</summary>
internal static class ChoiceLists
{
    private static readonly Dictionary<string, string> ImpactUrgency = new(StringComparer.Ordinal)
    {
        ["1"] = "1 - High", ["2"] = "2 - Medium", ["3"] = "3 - Low",
    };

    private static readonly Dictionary<string, string> Priority = new(StringComparer.Ordinal)
    {
        ["1"] = "1 - Critical", ["2"] = "2 - High", ["3"] = "3 - Moderate", ["4"] = "4 - Low", ["5"] = "5 - Planning",
    };

    private static readonly Dictionary<string, string> IncidentState = new(StringComparer.Ordinal)
    {
        ["1"] = "New", ["2"] = "In Progress", ["3"] = "On Hold", ["6"] = "Resolved", ["7"] = "Closed", ["8"] = "Canceled",
    };

    private static readonly Dictionary<string, string> Category = new(StringComparer.Ordinal)
    {
        ["inquiry"] = "Inquiry / Help", ["software"] = "Software", ["hardware"] = "Hardware",
        ["network"] = "Network", ["database"] = "Database", ["security"] = "Security",
    };

    private static readonly Dictionary<string, string> HoldReason = new(StringComparer.Ordinal)
    {
        ["1"] = "Awaiting Caller", ["5"] = "Awaiting Change", ["3"] = "Awaiting Problem", ["4"] = "Awaiting Vendor",
    };

    /// <summary>The choice list of a field, or null when the field is free text.</summary>
    public static IReadOnlyDictionary<string, string>? For(string table, string field)
    {
        if (!TableCatalog.IsTask(table))
        {
            return null;
        }

        return field switch
        {
            "impact" or "urgency" or "severity" => ImpactUrgency,
            "priority" => Priority,
            "state" or "incident_state" when table == TableCatalog.Incident => IncidentState,
            "category" when table == TableCatalog.Incident => Category,
            "hold_reason" when table == TableCatalog.Incident => HoldReason,
            _ => null,
        };
    }

    public static IEnumerable<(string Table, string Field, IReadOnlyDictionary<string, string> Choices)> All()
    {
        foreach (var table in TableCatalog.All.Where(t => TableCatalog.IsTask(t.Name)))
        {
            foreach (var field in table.Fields)
            {
                if (For(table.Name, field.Name) is { } choices)
                {
                    yield return (table.Name, field.Name, choices);
                }
            }
        }
    }
}
