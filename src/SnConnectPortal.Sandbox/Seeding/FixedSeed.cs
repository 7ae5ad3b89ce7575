using SnConnectPortal.Sandbox.Store;
using SnConnectPortal.Sandbox.Tables;

namespace SnConnectPortal.Sandbox.Seeding;

/// <summary>The records that are always there after a reset: the known users, roles, groups and metadata.</summary>
internal static class FixedSeed
{
    public const string AdminSysId = "6816f79cc0a8016401c5a33be04be441";
    public const string IntegrationSysId = "5137153cc611227c000bbd1bd8cd2005";
    public const string ReadonlySysId = "5137153cc611227c000bbd1bd8cd2006";
    public const string LockedSysId = "5137153cc611227c000bbd1bd8cd2007";
    public const string ServiceDeskGroupSysId = "d625dccec0a8016700a222a0f7900d06";
    public const string IntegrationGroupSysId = "d625dccec0a8016700a222a0f7900d07";

    public const string OAuthClientId = "snc-portal";
    public const string OAuthClientSecret = "snc-portal-secret";

    /// <summary>The "OAuth Application User" that client_credentials tokens act as.</summary>
    public const string OAuthApplicationUser = "snc.integration";

    private const string SeedTime = "2026-01-05 09:00:00";

    private static readonly (string SysId, string Name, string Description)[] Roles =
    [
        ("2831a114c611228501d4ea6c309d626d", "admin", "System administrator"),
        ("282bf1ac4a0a0a0b0058d4c9c4b5ae9f", "itil", "Fulfiller: works on incidents, problems and changes"),
        ("a1b2c3d4e5f60718293a4b5c6d7e8f90", "import_transformer", "Runs import set transforms"),
        ("a1b2c3d4e5f60718293a4b5c6d7e8f91", "rest_api_explorer", "Uses the REST API Explorer"),
    ];

    private static readonly (string SysId, string UserName, string Password, string First, string Last, string[] Roles,
        bool WebServiceOnly, bool LockedOut)[] Users =
    [
        (AdminSysId, "admin", "admin", "System", "Administrator", ["admin"], false, false),
        (IntegrationSysId, "snc.integration", "snc-integration-pw", "SNC", "Integration", ["itil", "import_transformer"],
            true, false),
        (ReadonlySysId, "snc.readonly", "snc-readonly-pw", "SNC", "Readonly", [], false, false),
        (LockedSysId, "snc.locked", "snc-locked-pw", "SNC", "Locked", [], false, true),
    ];

    private static readonly (string Name, string Value, string Description)[] Properties =
    [
        ("glide.oauth.inbound.client.credential.grant_type.enabled", "false", "Allow the client_credentials grant"),
        ("glide.oauth.inbound.ropc.grant_type.disabled", "false", "Disable the resource owner password grant"),
        ("glide.rest.max_content_length", "10", "Maximum REST request size, in MB"),
        ("com.glide.attachment.max_size", "1024", "Maximum attachment size, in MB"),
        ("glide.invalid_query.returns_no_rows", "false", "Invalid query parts return no rows"),
    ];

    public static void Apply(InstanceStore store)
    {
        var roleIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (sysId, name, description) in Roles)
        {
            Insert(store, TableCatalog.Role, sysId, [new("name", name), new("description", description),
                new("elevated_privilege", "false")]);
            roleIds[name] = sysId;
        }

        foreach (var user in Users)
        {
            Insert(store, TableCatalog.User, user.SysId,
            [
                new("user_name", user.UserName), new("user_password", user.Password),
                new("first_name", user.First), new("last_name", user.Last), new("name", $"{user.First} {user.Last}"),
                new("email", $"{user.UserName}@example.com"), new("active", "true"),
                new("locked_out", user.LockedOut ? "true" : "false"), new("password_needs_reset", "false"),
                new("web_service_access_only", user.WebServiceOnly ? "true" : "false"),
                new("internal_integration_user", user.WebServiceOnly ? "true" : "false"),
                new("time_zone", "GMT"), new("preferred_language", "en"),
            ]);
            foreach (var role in user.Roles)
            {
                AddRole(store, SysIdFor($"has-role-{user.UserName}-{role}"), user.SysId, roleIds[role], SeedTime);
            }
        }

        Insert(store, TableCatalog.Group, ServiceDeskGroupSysId,
        [
            new("name", "Service Desk"), new("description", "First line support"), new("active", "true"),
            new("email", "servicedesk@example.com"), new("manager", AdminSysId),
        ]);
        Insert(store, TableCatalog.Group, IntegrationGroupSysId,
        [
            new("name", "Integration"), new("description", "Integration hub queue"), new("active", "true"),
        ]);
        Insert(store, TableCatalog.GroupMember, SysIdFor("grmember-admin"),
            [new("user", AdminSysId), new("group", ServiceDeskGroupSysId)]);
        Insert(store, TableCatalog.GroupMember, SysIdFor("grmember-integration"),
            [new("user", IntegrationSysId), new("group", IntegrationGroupSysId)]);

        foreach (var (name, value, description) in Properties)
        {
            Insert(store, TableCatalog.Properties, SysIdFor(name),
                [new("name", name), new("value", value), new("description", description), new("type", "string")]);
        }

        SeedDictionary(store);
        SeedChoices(store);
    }

    /// <summary>Grants a role to a user (sys_user_has_role).</summary>
    public static void AddRole(InstanceStore store, string sysId, string userSysId, string roleSysId, string now) =>
        store.Insert(TableCatalog.UserRole, RecordFactory.Create(TableCatalog.Get(TableCatalog.UserRole),
            sysId, now, "admin",
            [new("user", userSysId), new("role", roleSysId), new("state", "active"), new("inherited", "false")]));

    private static void SeedDictionary(InstanceStore store)
    {
        foreach (var table in TableCatalog.All)
        {
            foreach (var field in table.Fields)
            {
                Insert(store, TableCatalog.Dictionary, SysIdFor($"dict-{table.Name}-{field.Name}"),
                [
                    new("name", table.Name), new("element", field.Name), new("column_label", field.Label),
                    new("internal_type", field.InternalType),
                    new("max_length", field.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new("reference", field.ReferenceTable ?? ""),
                    new("mandatory", "false"),
                    new("read_only", field.Name is "priority" or "number" || field.Name.StartsWith("sys_", StringComparison.Ordinal) ? "true" : "false"),
                    new("active", "true"),
                ]);
            }
        }
    }

    private static void SeedChoices(InstanceStore store)
    {
        foreach (var (table, field, choices) in ChoiceLists.All())
        {
            var sequence = 0;
            foreach (var (value, label) in choices)
            {
                sequence++;
                Insert(store, TableCatalog.Choice, SysIdFor($"choice-{table}-{field}-{value}"),
                [
                    new("name", table), new("element", field), new("value", value), new("label", label),
                    new("sequence", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new("language", "en"), new("inactive", "false"),
                ]);
            }
        }
    }

    private static void Insert(InstanceStore store, string table, string sysId, KeyValuePair<string, string>[] values) =>
        store.Insert(table, RecordFactory.Create(TableCatalog.Get(table), sysId, SeedTime, "system", values));

    /// <summary>A stable sys_id derived from a name, so that metadata rows keep their ids across resets.</summary>
    private static string SysIdFor(string name) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name))[..16]);
}
