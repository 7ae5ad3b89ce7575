using SnConnectPortal.Sandbox.Store;
using SnConnectPortal.Sandbox.Tables;

namespace SnConnectPortal.Sandbox.Auth;

/// <summary>Looks users up by user_name and resolves their roles, with indexes rebuilt when the tables change.</summary>
internal sealed class UserDirectory(InstanceStore store)
{
    private readonly Lock _sync = new();
    private (long Version, Dictionary<string, SnRecord> ByName)? _users;
    private (long Version, Dictionary<string, HashSet<string>> ByUser)? _roles;

    /// <summary>An account that may sign in, or null (unknown, wrong password, inactive, locked out, must reset).</summary>
    public Caller? SignIn(string userName, string password) => store.Read(() =>
    {
        var user = FindUser(userName);
        return user is not null && user["user_password"] == password && CanSignIn(user) ? ToCaller(user) : null;
    });

    /// <summary>The caller for a user id (token holders), or null when the account can no longer sign in.</summary>
    public Caller? ById(string sysId) => store.Read(() =>
        store.Find(TableCatalog.User, sysId) is { } user && CanSignIn(user) ? ToCaller(user) : null);

    public Caller? ByName(string userName) => store.Read(() =>
        FindUser(userName) is { } user && CanSignIn(user) ? ToCaller(user) : null);

    private static bool CanSignIn(SnRecord user) =>
        user["active"] == "true" && user["locked_out"] != "true" && user["password_needs_reset"] != "true";

    private SnRecord? FindUser(string userName)
    {
        var table = store.Table(TableCatalog.User);
        lock (_sync)
        {
            if (_users is not { } users || users.Version != table.Version)
            {
                var byName = new Dictionary<string, SnRecord>(table.Count, StringComparer.Ordinal);
                foreach (var row in table.Rows)
                {
                    byName.TryAdd(row["user_name"], row);
                }

                users = (table.Version, byName);
                _users = users;
            }

            return users.ByName.GetValueOrDefault(userName);
        }
    }

    private Caller ToCaller(SnRecord user) => new(user.SysId, user["user_name"], RolesOf(user.SysId));

    private HashSet<string> RolesOf(string userSysId)
    {
        var grants = store.Table(TableCatalog.UserRole);
        var roles = store.Table(TableCatalog.Role);
        var version = grants.Version * 1_000_003 + roles.Version;
        lock (_sync)
        {
            if (_roles is not { } index || index.Version != version)
            {
                var byUser = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
                foreach (var grant in grants.Rows)
                {
                    if (roles.Find(grant["role"]) is { } role && grant["state"] != "inactive")
                    {
                        if (!byUser.TryGetValue(grant["user"], out var set))
                        {
                            set = new HashSet<string>(StringComparer.Ordinal);
                            byUser[grant["user"]] = set;
                        }

                        set.Add(role["name"]);
                    }
                }

                index = (version, byUser);
                _roles = index;
            }

            return index.ByUser.TryGetValue(userSysId, out var found) ? found : [];
        }
    }
}
