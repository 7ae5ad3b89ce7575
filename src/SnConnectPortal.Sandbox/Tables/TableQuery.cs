using SnConnectPortal.Sandbox.Acls;
using SnConnectPortal.Sandbox.Auth;
using SnConnectPortal.Sandbox.Queries;
using SnConnectPortal.Sandbox.Store;

namespace SnConnectPortal.Sandbox.Tables;

/// <summary>Runs a list read: filter, sort, count, page, then the row ACLs (after the limit, as ServiceNow does).</summary>
internal sealed class TableQuery(InstanceStore store, RowVisibility visibility)
{
    public sealed record Page(int Total, int ReturnedBeforeAcl, IReadOnlyList<SnRecord> Rows);

    /// <summary>Call inside a store read.</summary>
    public Page Run(TableSchema schema, TableReadRequest request, Caller caller)
    {
        var query = EncodedQueryParser.Parse(schema, request.Query);
        if (request.Query is null)
        {
            query = query.And([.. request.PlainFilters
                .Select(f => EncodedQueryParser.Equality(schema, f.Key, f.Value))
                .OfType<QueryCondition>()]);
        }

        var rows = store.Table(schema.Name).Rows;
        IReadOnlyList<SnRecord> matches = query.HasFilter ? [.. rows.Where(r => query.Matches(r, store))] : rows;
        if (query.OrderBy.Count > 0)
        {
            matches = [.. matches.Order(Comparer<SnRecord>.Create((a, b) => Compare(query.OrderBy, a, b)))];
        }

        var page = new List<SnRecord>(Math.Min(request.Limit, Math.Max(0, matches.Count - request.Offset)));
        for (var i = request.Offset; i < matches.Count && page.Count < request.Limit; i++)
        {
            page.Add(matches[i]);
        }

        var visible = page.Where(r => visibility.CanSee(caller, schema.Name, r)).ToList();
        return new Page(matches.Count, page.Count, visible);
    }

    private int Compare(IReadOnlyList<SortKey> keys, SnRecord a, SnRecord b)
    {
        foreach (var key in keys)
        {
            var result = key.Compare(a, b, store);
            if (result != 0)
            {
                return result;
            }
        }

        return 0;
    }
}
