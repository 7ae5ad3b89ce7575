using SnConnectPortal.Sandbox.Configuration;
using SnConnectPortal.Sandbox.Seeding;
using SnConnectPortal.Sandbox.Store;
using SnConnectPortal.Sandbox.Tables;

namespace SnConnectPortal.Sandbox.Control;

/// <summary>Creates sign-in capable users for tests, with their roles.</summary>
internal sealed class SandboxUsers(InstanceStore store, SandboxClock clock)
{
    /// <summary>The new sys_id, or an error message.</summary>
    public (string? SysId, string? Error) Create(CreateUserRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || request.Password is null)
        {
            return (null, "userName and password are required.");
        }

        return store.Write<(string?, string?)>(() =>
        {
            if (store.Table(TableCatalog.User).Rows.Any(u => u["user_name"] == request.UserName))
            {
                return (null, $"User {request.UserName} already exists.");
            }

            var roles = store.Table(TableCatalog.Role).Rows.ToDictionary(r => r["name"], r => r.SysId, StringComparer.Ordinal);
            var unknownRoles = (request.Roles ?? []).Where(r => !roles.ContainsKey(r)).ToList();
            if (unknownRoles.Count > 0)
            {
                return (null, $"Unknown roles: {string.Join(", ", unknownRoles)}");
            }

            var now = clock.GlideNow();
            var sysId = SysIds.New();
            store.Insert(TableCatalog.User, RecordFactory.Create(TableCatalog.Get(TableCatalog.User), sysId, now, "admin",
            [
                new("user_name", request.UserName), new("user_password", request.Password),
                new("name", request.UserName), new("email", $"{request.UserName}@example.com"),
                new("active", Bool(request.Active)), new("locked_out", Bool(request.LockedOut)),
                new("password_needs_reset", Bool(request.PasswordNeedsReset)),
                new("web_service_access_only", Bool(request.WebServiceAccessOnly)),
                new("internal_integration_user", Bool(request.WebServiceAccessOnly)),
                new("time_zone", "GMT"), new("preferred_language", "en"),
            ]));
            foreach (var role in request.Roles ?? [])
            {
                FixedSeed.AddRole(store, SysIds.New(), sysId, roles[role], now);
            }

            return (sysId, null);
        });
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
