using System.Globalization;
using SnConnectPortal.ServiceNow.Queries;

namespace SnConnectPortal.Web.Features.SystemsCheck.Steps;

/// <summary>How many sys_user records an import would bring (X-Total-Count), and how many are active.</summary>
internal sealed class UserDirectoryStep : ISystemsCheckStep
{
    public const string StepKey = "directory";

    public string Key => StepKey;

    public string Name => "User directory size";

    public IReadOnlyList<string> DependsOn => [AuthenticationStep.StepKey];

    public async Task<StepOutcome> RunAsync(SystemsCheckContext context, CancellationToken cancellationToken)
    {
        var all = context.Observe(await context.Client.QueryPageAsync("sys_user", new TableQuery { Fields = ["sys_id"], PageSize = 1 }, 0, cancellationToken),
            p => p.Response);
        if (all.Response.TotalCount is not { } total)
        {
            return StepOutcome.Warn("ServiceNow sent no X-Total-Count header, so the size of the directory is unknown.",
                "A proxy may strip the header. The import still works; its progress bar cannot show a total.");
        }

        var active = context.Observe(await context.Client.QueryPageAsync("sys_user", new TableQuery
        {
            Query = EncodedQuery.Create().Where("active", "true"),
            Fields = ["sys_id"],
            PageSize = 1,
        }, 0, cancellationToken), p => p.Response);
        var seen = string.Create(CultureInfo.InvariantCulture,
            $"An import would bring {total:N0} sys_user records ({active.Response.TotalCount ?? 0:N0} active), read in pages of {context.Settings.PageSize:N0}.");
        if (all.Records.Count == 0 && total > 0)
        {
            return StepOutcome.Warn($"{seen} The first page came back empty: ACLs hide users from '{context.Identity}', so the import would bring fewer.",
                SystemsCheckRemedies.RoleForTable("sys_user", context.Identity));
        }

        return StepOutcome.Pass(seen);
    }
}
