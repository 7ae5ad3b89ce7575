using SnConnectPortal.Sandbox.Store;

namespace SnConnectPortal.Sandbox.Queries;

/// <summary>
/// A parsed <c>sysparm_query</c>: blocks joined by <c>^NQ</c> (OR), each an AND of clauses, each clause an OR of
/// conditions (<c>^OR</c> binds to the term before it), plus the sort keys.
/// </summary>
internal sealed class EncodedQuery(IReadOnlyList<IReadOnlyList<IReadOnlyList<QueryCondition>>> blocks, IReadOnlyList<SortKey> orderBy)
{
    public static readonly EncodedQuery Empty = new([], []);

    public IReadOnlyList<IReadOnlyList<IReadOnlyList<QueryCondition>>> Blocks => blocks;

    public IReadOnlyList<SortKey> OrderBy => orderBy;

    public bool HasFilter => blocks.Count > 0;

    public bool Matches(SnRecord record, InstanceStore store)
    {
        if (blocks.Count == 0)
        {
            return true;
        }

        foreach (var block in blocks)
        {
            if (block.All(clause => clause.Any(condition => condition.Matches(record, store))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>AND-combines extra conditions (the plain <c>name=value</c> parameters) into every block.</summary>
    public EncodedQuery And(IReadOnlyList<QueryCondition> conditions)
    {
        if (conditions.Count == 0)
        {
            return this;
        }

        IReadOnlyList<IReadOnlyList<QueryCondition>> extra = [.. conditions.Select(c => (IReadOnlyList<QueryCondition>)[c])];
        IReadOnlyList<IReadOnlyList<IReadOnlyList<QueryCondition>>> combined = blocks.Count == 0
            ? [extra]
            : [.. blocks.Select(b => (IReadOnlyList<IReadOnlyList<QueryCondition>>)[.. b, .. extra])];
        return new EncodedQuery(combined, orderBy);
    }
}
