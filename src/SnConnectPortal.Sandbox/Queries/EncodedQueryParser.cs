using SnConnectPortal.Sandbox.Tables;

namespace SnConnectPortal.Sandbox.Queries;

/// <summary>
/// Parses ServiceNow encoded queries (SERVICENOW-API.md section 1, "Encoded query"). As on an instance, a term
/// that names an unknown column or uses an unknown operator is silently ignored.
/// </summary>
internal static class EncodedQueryParser
{
    private const string EscapedCaret = "\u0001";

    // Longest first, so that "NOT LIKE" wins over "LIKE" and "<=" over "<".
    private static readonly (string Token, QueryOperator Operator)[] Operators =
    [
        ("ISNOTEMPTY", QueryOperator.IsNotEmpty),
        ("STARTSWITH", QueryOperator.StartsWith),
        ("ENDSWITH", QueryOperator.EndsWith),
        ("NOT LIKE", QueryOperator.NotLike),
        ("ISEMPTY", QueryOperator.IsEmpty),
        ("NOT IN", QueryOperator.NotIn),
        ("LIKE", QueryOperator.Like),
        ("!=", QueryOperator.NotEquals),
        ("<=", QueryOperator.LessOrEqual),
        (">=", QueryOperator.GreaterOrEqual),
        ("IN", QueryOperator.In),
        ("=", QueryOperator.Equals),
        ("<", QueryOperator.LessThan),
        (">", QueryOperator.GreaterThan),
    ];

    public static EncodedQuery Parse(TableSchema schema, string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return EncodedQuery.Empty;
        }

        var blocks = new List<IReadOnlyList<IReadOnlyList<QueryCondition>>>();
        var orderBy = new List<SortKey>();
        foreach (var blockText in query.Replace("^^", EscapedCaret, StringComparison.Ordinal)
                     .Split("^NQ", StringSplitOptions.None))
        {
            var clauses = new List<List<QueryCondition>>();
            foreach (var rawTerm in blockText.Split('^'))
            {
                var term = rawTerm.Replace(EscapedCaret, "^", StringComparison.Ordinal);
                if (term.StartsWith("ORDERBYDESC", StringComparison.Ordinal))
                {
                    AddSort(schema, orderBy, term["ORDERBYDESC".Length..], descending: true);
                }
                else if (term.StartsWith("ORDERBY", StringComparison.Ordinal))
                {
                    AddSort(schema, orderBy, term["ORDERBY".Length..], descending: false);
                }
                else if (term.StartsWith("OR", StringComparison.Ordinal))
                {
                    if (ParseCondition(schema, term[2..]) is { } orCondition)
                    {
                        if (clauses.Count > 0)
                        {
                            clauses[^1].Add(orCondition);
                        }
                        else
                        {
                            clauses.Add([orCondition]);
                        }
                    }
                }
                else if (ParseCondition(schema, term) is { } condition)
                {
                    clauses.Add([condition]);
                }
            }

            if (clauses.Count > 0)
            {
                blocks.Add([.. clauses]);
            }
        }

        return new EncodedQuery(blocks, orderBy);
    }

    /// <summary>A single <c>field=value</c> condition (plain query parameters), or null when the field is unknown.</summary>
    public static QueryCondition? Equality(TableSchema schema, string field, string value) =>
        FieldPath.Resolve(schema, field) is { } path ? new QueryCondition(path, QueryOperator.Equals, value) : null;

    private static void AddSort(TableSchema schema, List<SortKey> orderBy, string field, bool descending)
    {
        if (FieldPath.Resolve(schema, field) is { } path)
        {
            orderBy.Add(new SortKey(path, descending));
        }
    }

    private static QueryCondition? ParseCondition(TableSchema schema, string term)
    {
        var fieldEnd = 0;
        while (fieldEnd < term.Length && IsFieldChar(term[fieldEnd]))
        {
            fieldEnd++;
        }

        if (fieldEnd == 0 || FieldPath.Resolve(schema, term[..fieldEnd]) is not { } path)
        {
            return null;
        }

        var rest = term.AsSpan(fieldEnd);
        foreach (var (token, op) in Operators)
        {
            if (rest.StartsWith(token, StringComparison.Ordinal))
            {
                var value = rest[token.Length..].ToString();
                return op is QueryOperator.IsEmpty or QueryOperator.IsNotEmpty && value.Length > 0
                    ? null
                    : new QueryCondition(path, op, value);
            }
        }

        return null;
    }

    private static bool IsFieldChar(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '.';
}
