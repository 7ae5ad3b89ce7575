using SnConnectPortal.Sandbox.Tables;

namespace SnConnectPortal.Sandbox.Store;

/// <summary>Builds a new row: every column present (empty string when unset) plus the sys_* columns.</summary>
internal static class RecordFactory
{
    public static Dictionary<string, string> NewValues(TableSchema schema, string sysId, string now, string createdBy)
    {
        var values = new Dictionary<string, string>(schema.Fields.Count, StringComparer.Ordinal);
        foreach (var field in schema.Fields)
        {
            values[field.Name] = "";
        }

        values["sys_id"] = sysId;
        values["sys_created_on"] = now;
        values["sys_created_by"] = createdBy;
        values["sys_updated_on"] = now;
        values["sys_updated_by"] = createdBy;
        values["sys_mod_count"] = "0";
        return values;
    }

    public static SnRecord Create(
        TableSchema schema, string sysId, string now, string createdBy, IEnumerable<KeyValuePair<string, string>> values)
    {
        var row = NewValues(schema, sysId, now, createdBy);
        foreach (var (field, value) in values)
        {
            row[field] = value;
        }

        return new SnRecord(row);
    }
}
