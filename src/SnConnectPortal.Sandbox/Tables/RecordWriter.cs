using SnConnectPortal.Sandbox.Auth;
using SnConnectPortal.Sandbox.BusinessRules;
using SnConnectPortal.Sandbox.Configuration;
using SnConnectPortal.Sandbox.Store;

namespace SnConnectPortal.Sandbox.Tables;

/// <summary>Inserts, updates and deletes records with the platform's rules, then fires the business rules.</summary>
internal sealed class RecordWriter(InstanceStore store, SandboxClock clock, RecordEvents events)
{
    public SnRecord Insert(TableSchema schema, Caller caller, IReadOnlyDictionary<string, string> input)
    {
        var record = store.Write(() =>
        {
            var now = clock.GlideNow();
            var requestedId = input.GetValueOrDefault("sys_id") ?? "";
            var sysId = SysIds.IsValid(requestedId) && store.Find(schema.Name, requestedId) is null ? requestedId : SysIds.New();
            var values = RecordFactory.NewValues(schema, sysId, now, caller.UserName);
            foreach (var (field, value) in input)
            {
                if (schema.Find(field) is not null && field != "sys_id" && !TaskRules.IsReadOnly(field))
                {
                    values[field] = value;
                }
            }

            TaskRules.OnInsert(store, schema, values, caller.SysId, now);
            var created = new SnRecord(values);
            store.Insert(schema.Name, created);
            return created;
        });
        events.Raise(schema.Name, record.SysId, RecordEvents.Insert);
        return record;
    }

    /// <summary>The updated record, or null when there is no such record.</summary>
    public SnRecord? Update(TableSchema schema, Caller caller, string sysId, IReadOnlyDictionary<string, string> input)
    {
        var record = store.Write(() =>
        {
            if (store.Find(schema.Name, sysId) is not { } existing)
            {
                return null;
            }

            var now = clock.GlideNow();
            var values = new Dictionary<string, string>(existing.Values, StringComparer.Ordinal);
            var changed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (field, value) in input)
            {
                if (schema.Find(field) is not null && field != "sys_id" && !TaskRules.IsReadOnly(field))
                {
                    values[field] = value;
                    changed.Add(field);
                }
            }

            TaskRules.OnUpdate(schema, values, changed, now);
            values["sys_updated_on"] = now;
            values["sys_updated_by"] = caller.UserName;
            values["sys_mod_count"] = (long.Parse(existing["sys_mod_count"] is { Length: > 0 } c ? c : "0",
                System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var updated = new SnRecord(values);
            store.Replace(schema.Name, updated);
            return updated;
        });
        if (record is not null)
        {
            events.Raise(schema.Name, record.SysId, RecordEvents.Update);
        }

        return record;
    }

    public bool Delete(TableSchema schema, string sysId) => store.Write(() => store.Delete(schema.Name, sysId));
}
