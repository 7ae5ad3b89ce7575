using System.Globalization;
using SnConnectPortal.Sandbox.Store;

namespace SnConnectPortal.Sandbox.Tables;

/// <summary>
/// What the platform's own rules do to task records (SERVICENOW-API.md section 5): auto-number, defaults
/// (state 1, impact 3, urgency 3, ...), priority from the impact × urgency lookup, state side effects.
/// </summary>
internal static class TaskRules
{
    public static void OnInsert(InstanceStore store, TableSchema schema, Dictionary<string, string> values, string callerSysId, string now)
    {
        if (schema.NumberPrefix is { } prefix && values["number"].Length == 0)
        {
            values["number"] = TaskNumbers.Format(prefix, store.NextNumber(prefix, TaskNumbers.Start(prefix)));
        }

        if (!TableCatalog.IsTask(schema.Name))
        {
            return;
        }

        Default(values, "state", "1");
        Default(values, "impact", "3");
        Default(values, "urgency", "3");
        Default(values, "active", "true");
        Default(values, "opened_at", now);
        Default(values, "opened_by", callerSysId);
        values["sys_class_name"] = schema.Name;
        values["sys_domain"] = "global";
        if (schema.Name == TableCatalog.Incident)
        {
            values["incident_state"] = values["state"];
            Default(values, "severity", "3");
            Default(values, "category", "inquiry");
        }

        ApplyState(values, now);
        values["priority"] = Priority(values);
    }

    public static void OnUpdate(TableSchema schema, Dictionary<string, string> values, IReadOnlySet<string> changed, string now)
    {
        if (!TableCatalog.IsTask(schema.Name))
        {
            return;
        }

        if (schema.Name == TableCatalog.Incident && changed.Contains("state"))
        {
            values["incident_state"] = values["state"];
        }

        if (changed.Contains("state"))
        {
            ApplyState(values, now);
        }

        values["priority"] = Priority(values);
    }

    /// <summary>Fields the caller cannot set: computed by the platform.</summary>
    public static bool IsReadOnly(string field) =>
        field is "priority" or "sys_created_on" or "sys_created_by" or "sys_updated_on" or "sys_updated_by"
            or "sys_mod_count" or "sys_class_name";

    private static void ApplyState(Dictionary<string, string> values, string now)
    {
        switch (values["state"])
        {
            case "6":
                Default(values, "resolved_at", now);
                values["active"] = "false";
                break;
            case "7":
                Default(values, "closed_at", now);
                values["active"] = "false";
                break;
            case "8":
                values["active"] = "false";
                break;
            default:
                break;
        }
    }

    private static string Priority(Dictionary<string, string> values)
    {
        var impact = int.TryParse(values["impact"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : 3;
        var urgency = int.TryParse(values["urgency"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var u) ? u : 3;
        return PriorityMatrix.Priority(impact, urgency).ToString(CultureInfo.InvariantCulture);
    }

    private static void Default(Dictionary<string, string> values, string field, string value)
    {
        if (values.TryGetValue(field, out var current) && current.Length == 0)
        {
            values[field] = value;
        }
    }
}
