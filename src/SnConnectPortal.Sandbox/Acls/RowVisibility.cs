using SnConnectPortal.Sandbox.Auth;
using SnConnectPortal.Sandbox.Configuration;
using SnConnectPortal.Sandbox.Store;
using SnConnectPortal.Sandbox.Tables;

namespace SnConnectPortal.Sandbox.Acls;

/// <summary>
/// Row-level read ACLs, applied after the limit as ServiceNow does (so pages come back short while X-Total-Count
/// still counts the hidden rows). Call inside a store read.
/// </summary>
internal sealed class RowVisibility(InstanceStore store, RuntimeSettingsHolder settings)
{
    private readonly Lock _sync = new();
    private (long Version, int EveryNth, HashSet<string> Ids)? _hiddenUsers;

    public bool CanSee(Caller caller, string table, SnRecord record)
    {
        if (!TableAcl.CanRead(caller, table))
        {
            return false;
        }

        if (caller.IsAdmin)
        {
            return true;
        }

        return table switch
        {
            TableCatalog.User => !HiddenUsers().Contains(record.SysId),
            TableCatalog.Attachment => TableCatalog.Find(record["table_name"]) is { } parent
                && TableAcl.CanRead(caller, parent.Name),
            _ => true,
        };
    }

    private HashSet<string> HiddenUsers()
    {
        var everyNth = settings.Current.AclHideEveryNthUser;
        if (everyNth <= 0)
        {
            return [];
        }

        var users = store.Table(TableCatalog.User);
        lock (_sync)
        {
            if (_hiddenUsers is { } cached && cached.Version == users.Version && cached.EveryNth == everyNth)
            {
                return cached.Ids;
            }

            var ordered = users.Rows.Select(r => r.SysId).Order(StringComparer.Ordinal).ToList();
            var hidden = new HashSet<string>(StringComparer.Ordinal);
            for (var i = everyNth - 1; i < ordered.Count; i += everyNth)
            {
                hidden.Add(ordered[i]);
            }

            _hiddenUsers = (users.Version, everyNth, hidden);
            return hidden;
        }
    }
}
