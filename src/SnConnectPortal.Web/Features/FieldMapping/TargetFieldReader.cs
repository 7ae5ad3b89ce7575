using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.ServiceNow.Queries;
using SnConnectPortal.ServiceNow.Records;
using SnConnectPortal.Web.Features.Connections;

namespace SnConnectPortal.Web.Features.FieldMapping;

/// <summary>
/// Reads a table's fields from the connection's instance: sys_dictionary's rows for the table and for task (whose
/// fields incident, problem and change_request inherit; the table's own row wins), with label and max_length, as the
/// Systems Check's field length step reads them. Admins only: it signs in with the connection's credentials for a mapping
/// they are editing.
/// </summary>
public sealed class TargetFieldReader(IConnectionSettingsSource settingsSource, IServiceNowClientFactory clientFactory)
{
    private const int PageSize = 1000;

    public async Task<ServiceResult<IReadOnlyList<TargetField>>> ReadAsync(ClaimsPrincipal actor, long connectionId, string table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!ConnectionRoles.CanManage(actor))
        {
            return ServiceResult<IReadOnlyList<TargetField>>.Forbidden("Only an Admin can read a table's fields for its mapping.");
        }

        IServiceNowClient client;
        try
        {
            if (await settingsSource.GetSettingsAsync(connectionId, cancellationToken) is not { } settings)
            {
                return ServiceResult<IReadOnlyList<TargetField>>.NotFound("That connection no longer exists.");
            }

            client = clientFactory.Create(settings);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or CryptographicException or InvalidOperationException)
        {
            return ServiceResult<IReadOnlyList<TargetField>>.Fail($"The connection's settings cannot be used: {e.Message}");
        }

        try
        {
            var page = await client.QueryPageAsync("sys_dictionary", new TableQuery
            {
                Query = EncodedQuery.Create().WhereIn("name", [table, "task"]),
                Fields = ["name", "element", "column_label", "max_length"],
                PageSize = PageSize,
            }, 0, cancellationToken);
            if (page.Records.Count == 0)
            {
                return ServiceResult<IReadOnlyList<TargetField>>.Fail(page.Response.TotalCount is > 0
                    ? $"ACLs hide sys_dictionary from the connection's user: let it read sys_dictionary (the personalize_dictionary role grants it)."
                    : $"sys_dictionary has no fields of {table} on this instance.");
            }

            return ServiceResult<IReadOnlyList<TargetField>>.Ok(Fields(page.Records, table));
        }
        catch (ServiceNowException e)
        {
            return ServiceResult<IReadOnlyList<TargetField>>.Fail($"The instance did not give the fields: {e.Error.Describe()}");
        }
    }

    private static List<TargetField> Fields(IReadOnlyList<ServiceNowRecord> records, string table) =>
        [.. records.Where(r => !string.IsNullOrEmpty(r["element"]))
            .OrderBy(r => r["name"] == table ? 0 : 1)
            .DistinctBy(r => r["element"])
            .Select(r => new TargetField(r["element"], r["column_label"] is { Length: > 0 } label ? label : r["element"],
                int.TryParse(r["max_length"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) && max > 0 ? max : null))
            .OrderBy(f => f.Name, StringComparer.Ordinal)];
}
