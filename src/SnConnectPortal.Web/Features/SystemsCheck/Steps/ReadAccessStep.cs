using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.ServiceNow.Queries;

namespace SnConnectPortal.Web.Features.SystemsCheck.Steps;

/// <summary>
/// Reads one row of a table as the integration user and tells the three answers apart: rows visible; 403 (an ACL
/// refuses the table); or an empty page while X-Total-Count says rows exist (ACLs filter every row out).
/// </summary>
internal sealed class ReadAccessStep(string table) : ISystemsCheckStep, ITableStep
{
    /// <summary>Read by every connection besides its own tables: users and groups for mapping, attachments for files.</summary>
    public static IReadOnlyList<string> DirectoryTables { get; } = ["sys_user", "sys_user_group", "sys_attachment"];

    public string Table => table;

    public string Key => $"read:{table}";

    public string Name => $"Read access: {table}";

    public IReadOnlyList<string> DependsOn => [AuthenticationStep.StepKey];

    public async Task<StepOutcome> RunAsync(SystemsCheckContext context, CancellationToken cancellationToken)
    {
        var user = context.Identity;
        try
        {
            var page = context.Observe(await context.Client.QueryPageAsync(table, new TableQuery { Fields = ["sys_id"], PageSize = 1 }, 0, cancellationToken),
                p => p.Response);
            var total = page.Response.TotalCount;
            if (page.Records.Count > 0)
            {
                return StepOutcome.Pass($"'{user}' reads {table}: rows come back (X-Total-Count {total?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "not sent"}).");
            }

            if (total is > 0)
            {
                return StepOutcome.Fail(
                    $"ACL-filtered: X-Total-Count says {total:N0} rows exist, but the page came back empty (HTTP {page.Response.StatusCode}): " +
                    $"ACLs hide every row of {table} from '{user}'.",
                    SystemsCheckRemedies.RoleForTable(table, user));
            }

            return StepOutcome.Pass($"'{user}' may query {table}; it has no rows yet (X-Total-Count 0), so row ACLs show only once records exist.");
        }
        catch (ServiceNowException exception) when (exception.Kind == ServiceNowErrorKind.Forbidden)
        {
            return StepOutcome.Fail(
                $"Refused: {SystemsCheckRemedies.Describe(exception.Error)}. An ACL denies reading {table} outright (403), rather than filtering rows.",
                SystemsCheckRemedies.RoleForTable(table, user));
        }
        catch (ServiceNowException exception) when (exception.Kind == ServiceNowErrorKind.InvalidTable)
        {
            return StepOutcome.Fail($"ServiceNow answered {SystemsCheckRemedies.Describe(exception.Error)}.",
                $"ServiceNow does not know the table {table}, or '{user}' may not see it. Check that the plugin that provides it is " +
                $"active (System Definition > Plugins) and that the user has a role that can read it. {SystemsCheckRemedies.RoleForTable(table, user)}");
        }
    }
}
