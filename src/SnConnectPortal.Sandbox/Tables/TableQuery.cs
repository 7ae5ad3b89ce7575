using SnConnectPortal.Sandbox.Acls;
using SnConnectPortal.Sandbox.Auth;
using SnConnectPortal.Sandbox.Queries;
using SnConnectPortal.Sandbox.Store;

namespace SnConnectPortal.Sandbox.Tables;

/// <summary>
/// Runs a list read: filter, sort, count, page, then the row ACLs (after the limit, as ServiceNow does). The
/// filtered and sorted rows of the last few queries are kept until any table changes, so paging through a large
/// table sorts it once, not once per page (what an index does on an instance).
/// </summary>
internal sealed class TableQuery(InstanceStore store, RowVisibility visibility)
{
    private const int CachedQueries = 16;

    private readonly Lock _sync = new();
    private readonly LinkedList<(string Key, long Version, IReadOnlyList<SnRecord> Rows)> _cache = new();

    public sealed record Page(int Total, int ReturnedBeforeAcl, IReadOnlyList<SnRecord> Rows);

    /// <summary>Call inside a store read.</summary>
    public Page Run(TableSchema schema, TableReadRequest request, Caller caller)
    {
        var matches = Matches(schema, request);
        var page = new List<SnRecord>(Math.Min(request.Limit, Math.Max(0, matches.Count - request.Offset)));
        for (var i = request.Offset; i < matches.Count && page.Count < request.Limit; i++)
        {
            page.Add(matches[i]);
        }

        var visible = page.Where(r => visibility.CanSee(caller, schema.Name, r)).ToList();
        return new Page(matches.Count, page.Count, visible);
    }

    private IReadOnlyList<SnRecord> Matches(TableSchema schema, TableReadRequest request)
    {
        var table = store.Table(schema.Name);
        var plainFilters = request.Query is null ? request.PlainFilters : [];
        if (request.Query is null && plainFilters.Count == 0)
        {
            return table.Rows;
        }

        var version = store.Version;
        var key = $"{schema.Name}\n{request.Query}\n{string.Join('&', plainFilters.Select(f => $"{f.Key}={f.Value}"))}";
        lock (_sync)
        {
            for (var node = _cache.First; node is not null; node = node.Next)
            {
                if (node.Value.Key == key && node.Value.Version == version)
                {
                    _cache.Remove(node);
                    _cache.AddFirst(node);
                    return node.Value.Rows;
                }
            }
        }

        var query = EncodedQueryParser.Parse(schema, request.Query).And([.. plainFilters
            .Select(f => EncodedQueryParser.Equality(schema, f.Key, f.Value))
            .OfType<QueryCondition>()]);
        IReadOnlyList<SnRecord> rows = query.HasFilter ? [.. table.Rows.Where(r => query.Matches(r, store))] : table.Rows;
        if (query.OrderBy.Count > 0)
        {
            rows = Sort(rows, query.OrderBy);
        }

        lock (_sync)
        {
            _cache.AddFirst((key, version, rows));
            while (_cache.Count > CachedQueries)
            {
                _cache.RemoveLast();
            }
        }

        return rows;
    }

    /// <summary>A stable sort on precomputed keys (ties keep insertion order).</summary>
    private SnRecord[] Sort(IReadOnlyList<SnRecord> rows, IReadOnlyList<SortKey> keys)
    {
        var comparers = keys.Select(k => k.IndexComparer(rows, store)).ToArray();
        var order = new int[rows.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, Comparer<int>.Create((a, b) =>
        {
            foreach (var comparer in comparers)
            {
                var result = comparer.Compare(a, b);
                if (result != 0)
                {
                    return result;
                }
            }

            return a.CompareTo(b);
        }));
        return [.. order.Select(i => rows[i])];
    }
}
