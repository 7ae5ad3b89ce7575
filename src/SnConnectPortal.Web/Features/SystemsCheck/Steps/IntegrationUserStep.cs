using SnConnectPortal.ServiceNow.Queries;
using SnConnectPortal.ServiceNow.Records;

namespace SnConnectPortal.Web.Features.SystemsCheck.Steps;

/// <summary>
/// The integration user's sys_user record: found, active, not locked out, "Web service access only", and roles that
/// cover the configured tables (itil or incident_manager, import_transformer for import sets, or admin).
/// </summary>
internal sealed class IntegrationUserStep : ISystemsCheckStep
{
    public const string StepKey = "user";

    private static readonly string[] TaskRoles = ["itil", "incident_manager", "admin"];

    public string Key => StepKey;

    public string Name => "Integration user and roles";

    public IReadOnlyList<string> DependsOn => [AuthenticationStep.StepKey];

    public async Task<StepOutcome> RunAsync(SystemsCheckContext context, CancellationToken cancellationToken)
    {
        if (context.Settings.UserName is not { Length: > 0 } userName)
        {
            return StepOutcome.NotApplicable(
                "This mode signs in without a user name: calls run as the user the refresh token was issued to, or as the OAuth " +
                "Application User of the Application Registry entry. Its record is checked through the table reads below.");
        }

        var page = context.Observe(await context.Client.QueryPageAsync("sys_user", new TableQuery
        {
            Query = EncodedQuery.Create().Where("user_name", userName),
            Fields = ["sys_id", "user_name", "name", "active", "locked_out", "web_service_access_only", "time_zone"],
            PageSize = 1,
        }, 0, cancellationToken), p => p.Response);

        if (page.Records.Count == 0)
        {
            return page.Response.TotalCount is > 0
                ? StepOutcome.Warn($"'{userName}' signs in, but ACLs hide its own sys_user record (X-Total-Count {page.Response.TotalCount}, no row returned).",
                    SystemsCheckRemedies.RoleForTable("sys_user", userName))
                : StepOutcome.Fail($"'{userName}' signs in, but no sys_user record has User ID '{userName}'.",
                    $"{SystemsCheckRemedies.UserForm}: make sure the user name in this connection is the record's User ID exactly.");
        }

        var user = page.Records[0];
        context.IntegrationUser = user;
        var label = user["name"] is { Length: > 0 } name ? $"'{userName}' ({name}, sys_id {user.SysId})" : $"'{userName}' (sys_id {user.SysId})";
        if (!IsTrue(user, "active") || IsTrue(user, "locked_out"))
        {
            var state = !IsTrue(user, "active") ? "not Active" : "Locked out";
            return StepOutcome.Fail($"{label} is {state}.", SystemsCheckRemedies.AccountCannotSignIn(userName));
        }

        var roles = await RolesAsync(context, user.SysId, cancellationToken);
        context.Roles = roles;
        var rolesText = roles is null ? "its roles are hidden by ACLs"
            : roles.Count == 0 ? "it has no roles"
            : $"roles: {string.Join(", ", roles)}";
        var facts = $"{label} found: Active, not Locked out; {rolesText}.";

        var needsTaskRole = context.Request.Tables.Count > 0;
        if (roles is not null && needsTaskRole && !roles.Intersect(TaskRoles, StringComparer.Ordinal).Any())
        {
            return StepOutcome.Fail($"{facts} None of itil, incident_manager or admin, which reading and writing {string.Join(", ", context.Request.Tables)} needs.",
                $"{SystemsCheckRemedies.UserForm} '{userName}', Roles tab > Edit…, and add itil, " +
                "or incident_manager. Add import_transformer too if the hub will use the Import Set API. Admin also works but gives the " +
                "hub full access to the instance.");
        }

        var notes = new List<string> { facts };
        if (roles?.Contains("admin", StringComparer.Ordinal) == true)
        {
            notes.Add("admin covers every table (narrower roles such as itil and import_transformer are safer).");
        }
        else if (roles?.Contains("import_transformer", StringComparer.Ordinal) == true)
        {
            notes.Add("import_transformer lets it load import sets.");
        }

        if (!IsTrue(user, "web_service_access_only"))
        {
            return StepOutcome.Warn(string.Join(" ", notes) + " \"Web service access only\" is not checked: the account can also sign in to the UI.",
                $"{SystemsCheckRemedies.UserForm} '{userName}' and check \"Web service access only\", " +
                "so the account can call the REST API but cannot sign in interactively.");
        }

        notes.Add("\"Web service access only\" is checked.");
        return StepOutcome.Pass(string.Join(" ", notes));
    }

    private static bool IsTrue(ServiceNowRecord record, string field) => string.Equals(record[field], "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The role names from sys_user_has_role and sys_user_role; null when ACLs hide them.</summary>
    private static async Task<IReadOnlyList<string>?> RolesAsync(SystemsCheckContext context, string userSysId, CancellationToken cancellationToken)
    {
        var links = context.Observe(await context.Client.QueryPageAsync("sys_user_has_role", new TableQuery
        {
            Query = EncodedQuery.Create().Where("user", userSysId),
            Fields = ["role"],
            PageSize = 200,
        }, 0, cancellationToken), p => p.Response);
        if (links.Records.Count == 0)
        {
            return links.Response.TotalCount is > 0 ? null : [];
        }

        var roleIds = links.Records.Select(r => r["role"]).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var names = context.Observe(await context.Client.QueryPageAsync("sys_user_role", new TableQuery
        {
            Query = EncodedQuery.Create().WhereIn("sys_id", roleIds),
            Fields = ["name"],
            PageSize = 200,
        }, 0, cancellationToken), p => p.Response);
        return names.Records.Count == 0 && roleIds.Count > 0
            ? null
            : [.. names.Records.Select(r => r["name"]).Where(n => n.Length > 0).Order(StringComparer.Ordinal)];
    }
}
