using System.Text;
using System.Text.RegularExpressions;

namespace SnConnectPortal.ServiceNow.Queries;

/// <summary>
/// Builds a <c>sysparm_query</c> string: conditions joined with <c>^</c> (AND), <c>^OR</c> and <c>^NQ</c> (new OR'd
/// block), then <c>ORDERBY</c>/<c>ORDERBYDESC</c> terms. Field names and values are checked, because ServiceNow
/// silently ignores an invalid part of a query and would return more rows than asked for.
/// </summary>
public sealed partial class EncodedQuery
{
    private readonly StringBuilder _conditions = new();
    private readonly List<string> _orderBy = [];

    public static EncodedQuery Create() => new();

    /// <summary>Starts the query, or adds a condition joined with AND.</summary>
    public EncodedQuery Where(string field, QueryOperator op, string? value = null) => Append("^", field, op, value);

    public EncodedQuery Where(string field, string value) => Where(field, QueryOperator.Equals, value);

    public EncodedQuery And(string field, QueryOperator op, string? value = null) => Append("^", field, op, value);

    public EncodedQuery And(string field, string value) => And(field, QueryOperator.Equals, value);

    /// <summary>Adds a condition OR'd with the one before it.</summary>
    public EncodedQuery Or(string field, QueryOperator op, string? value = null)
    {
        RequireCondition("Or");
        return Append("^OR", field, op, value);
    }

    public EncodedQuery Or(string field, string value) => Or(field, QueryOperator.Equals, value);

    /// <summary>Starts a new block of conditions, OR'd with everything before it (<c>^NQ</c>).</summary>
    public EncodedQuery NewQuery(string field, QueryOperator op, string? value = null)
    {
        RequireCondition("NewQuery");
        return Append("^NQ", field, op, value);
    }

    /// <summary>Field IN values; the values must not contain commas.</summary>
    public EncodedQuery WhereIn(string field, IEnumerable<string> values)
    {
        var list = values.ToList();
        if (list.Count == 0 || list.Any(v => v.Contains(',', StringComparison.Ordinal)))
        {
            throw new ArgumentException("IN needs at least one value, and no value may contain a comma.", nameof(values));
        }

        return Where(field, QueryOperator.In, string.Join(',', list));
    }

    public EncodedQuery OrderBy(string field)
    {
        _orderBy.Add("ORDERBY" + CheckedField(field));
        return this;
    }

    public EncodedQuery OrderByDescending(string field)
    {
        _orderBy.Add("ORDERBYDESC" + CheckedField(field));
        return this;
    }

    /// <summary>Whether the query already sorts by <paramref name="field"/> (either direction).</summary>
    public bool IsOrderedBy(string field) =>
        _orderBy.Contains("ORDERBY" + field, StringComparer.Ordinal) || _orderBy.Contains("ORDERBYDESC" + field, StringComparer.Ordinal);

    public string Build()
    {
        var order = string.Join('^', _orderBy);
        return (_conditions.Length, order.Length) switch
        {
            (0, _) => order,
            (_, 0) => _conditions.ToString(),
            _ => $"{_conditions}^{order}",
        };
    }

    public override string ToString() => Build();

    private EncodedQuery Append(string joiner, string field, QueryOperator op, string? value)
    {
        var term = CheckedField(field) + OperatorText(op) + CheckedValue(op, value);
        if (_conditions.Length > 0)
        {
            _conditions.Append(joiner);
        }

        _conditions.Append(term);
        return this;
    }

    private void RequireCondition(string method)
    {
        if (_conditions.Length == 0)
        {
            throw new InvalidOperationException($"{method} needs a condition before it.");
        }
    }

    private static string OperatorText(QueryOperator op) => op switch
    {
        QueryOperator.Equals => "=",
        QueryOperator.NotEquals => "!=",
        QueryOperator.Like => "LIKE",
        QueryOperator.NotLike => "NOT LIKE",
        QueryOperator.StartsWith => "STARTSWITH",
        QueryOperator.EndsWith => "ENDSWITH",
        QueryOperator.In => "IN",
        QueryOperator.NotIn => "NOT IN",
        QueryOperator.LessThan => "<",
        QueryOperator.LessThanOrEqual => "<=",
        QueryOperator.GreaterThan => ">",
        QueryOperator.GreaterThanOrEqual => ">=",
        QueryOperator.IsEmpty => "ISEMPTY",
        QueryOperator.IsNotEmpty => "ISNOTEMPTY",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown query operator."),
    };

    private static string CheckedField(string field)
    {
        if (!FieldName().IsMatch(field))
        {
            throw new ArgumentException($"'{field}' is not a ServiceNow column name (letters, digits, _ and dot-walking with '.').", nameof(field));
        }

        return field;
    }

    private static string CheckedValue(QueryOperator op, string? value)
    {
        if (op is QueryOperator.IsEmpty or QueryOperator.IsNotEmpty)
        {
            return value is null ? string.Empty : throw new ArgumentException($"{op} takes no value.", nameof(value));
        }

        ArgumentNullException.ThrowIfNull(value);

        // A caret would end the condition and start another one: a value could widen the query.
        if (value.Contains('^', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal))
        {
            throw new ArgumentException("A query value may not contain '^' or a line break: ServiceNow would read it as another condition.", nameof(value));
        }

        return value;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex FieldName();
}
