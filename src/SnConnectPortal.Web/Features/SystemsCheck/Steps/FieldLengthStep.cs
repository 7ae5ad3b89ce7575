using System.Globalization;
using SnConnectPortal.ServiceNow.Queries;
using SnConnectPortal.ServiceNow.Records;

namespace SnConnectPortal.Web.Features.SystemsCheck.Steps;

/// <summary>
/// Reads sys_dictionary's max_length for each mapped target field (the table's own entry, else the one on task it
/// inherits) and warns where the hub may write a longer value than the field holds.
/// </summary>
internal sealed class FieldLengthStep : ISystemsCheckStep
{
    public const string StepKey = "field-lengths";

    public string Key => StepKey;

    public string Name => "Target field lengths (sys_dictionary)";

    public IReadOnlyList<string> DependsOn => [AuthenticationStep.StepKey];

    public async Task<StepOutcome> RunAsync(SystemsCheckContext context, CancellationToken cancellationToken)
    {
        var mapped = context.Request.EffectiveMappedFields;
        if (mapped.Count == 0)
        {
            return StepOutcome.NotApplicable("No fields are mapped yet.");
        }

        var fine = new List<string>();
        var cut = new List<MappedField>();
        var limits = new Dictionary<MappedField, int>();
        var missing = new List<MappedField>();
        foreach (var group in mapped.GroupBy(f => f.Table, StringComparer.Ordinal))
        {
            var page = context.Observe(await context.Client.QueryPageAsync("sys_dictionary", new TableQuery
            {
                Query = EncodedQuery.Create().WhereIn("name", [group.Key, "task"]).And("element", QueryOperator.In, string.Join(',', group.Select(f => f.Field))),
                Fields = ["name", "element", "max_length"],
                PageSize = 200,
            }, 0, cancellationToken), p => p.Response);
            if (page.Records.Count == 0 && page.Response.TotalCount is > 0)
            {
                return StepOutcome.Warn($"ACLs hide the sys_dictionary entries of {group.Key} (X-Total-Count {page.Response.TotalCount}, no row returned), so lengths cannot be checked.",
                    $"Let '{context.Identity}' read sys_dictionary: add a read Access Control (ACL) on sys_dictionary for a role it has " +
                    "(the personalize_dictionary role grants it).");
            }

            foreach (var field in group)
            {
                var entry = Entry(page.Records, group.Key, field.Field) ?? Entry(page.Records, "task", field.Field);
                if (entry is null || !int.TryParse(entry["max_length"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var maxLength))
                {
                    missing.Add(field);
                }
                else if (maxLength < field.LongestValue)
                {
                    cut.Add(field);
                    limits[field] = maxLength;
                }
                else
                {
                    fine.Add(string.Create(CultureInfo.InvariantCulture, $"{field.Table}.{field.Field} {maxLength}"));
                }
            }
        }

        var seen = new List<string>();
        if (fine.Count > 0)
        {
            seen.Add($"Long enough: {string.Join(", ", fine)}.");
        }

        seen.AddRange(cut.Select(f => string.Create(CultureInfo.InvariantCulture,
            $"{f.Table}.{f.Field} holds {limits[f]} characters (max_length in sys_dictionary), but the hub may write up to {f.LongestValue}: longer values are cut.")));
        seen.AddRange(missing.Select(f => $"{f.Table}.{f.Field} has no sys_dictionary entry: ServiceNow ignores values sent to a field it does not have."));
        if (cut.Count == 0 && missing.Count == 0)
        {
            return StepOutcome.Pass(string.Join(" ", seen));
        }

        var remedies = cut.Select(f => string.Create(CultureInfo.InvariantCulture,
            $"In ServiceNow open System Definition > Dictionary, filter Table = {f.Table} and Column name = {f.Field}, and set Max length to at least {f.LongestValue}; or shorten the value in this connection's field mapping."))
            .Concat(missing.Select(f => $"Check the column name {f.Field} on {f.Table} (System Definition > Tables > {f.Table}), or remove it from the field mapping."));
        return StepOutcome.Warn(string.Join(" ", seen), string.Join(" ", remedies));
    }

    private static ServiceNowRecord? Entry(IReadOnlyList<ServiceNowRecord> records, string table, string field) =>
        records.FirstOrDefault(r => r["name"] == table && r["element"] == field);
}
