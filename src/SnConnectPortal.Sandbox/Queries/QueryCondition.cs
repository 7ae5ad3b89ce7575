using System.Globalization;
using SnConnectPortal.Sandbox.Store;
using SnConnectPortal.Sandbox.Tables;

namespace SnConnectPortal.Sandbox.Queries;

/// <summary>One term of an encoded query: field, operator, value.</summary>
internal sealed record QueryCondition(FieldPath Path, QueryOperator Operator, string Value)
{
    private readonly string[] _list = Operator is QueryOperator.In or QueryOperator.NotIn
        ? Value.Split(',', StringSplitOptions.TrimEntries)
        : [];

    public bool Matches(SnRecord record, InstanceStore store)
    {
        var actual = Path.ValueOf(record, store);
        return Operator switch
        {
            QueryOperator.Equals => string.Equals(actual, Value, StringComparison.Ordinal),
            QueryOperator.NotEquals => !string.Equals(actual, Value, StringComparison.Ordinal),
            QueryOperator.Like => actual.Contains(Value, StringComparison.Ordinal),
            QueryOperator.NotLike => !actual.Contains(Value, StringComparison.Ordinal),
            QueryOperator.StartsWith => actual.StartsWith(Value, StringComparison.Ordinal),
            QueryOperator.EndsWith => actual.EndsWith(Value, StringComparison.Ordinal),
            QueryOperator.In => _list.Contains(actual, StringComparer.Ordinal),
            QueryOperator.NotIn => !_list.Contains(actual, StringComparer.Ordinal),
            QueryOperator.IsEmpty => actual.Length == 0,
            QueryOperator.IsNotEmpty => actual.Length > 0,
            QueryOperator.LessThan => actual.Length > 0 && Compare(actual) < 0,
            QueryOperator.LessOrEqual => actual.Length > 0 && Compare(actual) <= 0,
            QueryOperator.GreaterThan => actual.Length > 0 && Compare(actual) > 0,
            QueryOperator.GreaterOrEqual => actual.Length > 0 && Compare(actual) >= 0,
            _ => false,
        };
    }

    /// <summary>Integers compare as numbers; everything else (date-times as yyyy-MM-dd HH:mm:ss) ordinally.</summary>
    private int Compare(string actual) =>
        Path.Field.Type == FieldType.Integer
        && decimal.TryParse(actual, NumberStyles.Number, CultureInfo.InvariantCulture, out var left)
        && decimal.TryParse(Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var right)
            ? left.CompareTo(right)
            : string.CompareOrdinal(actual, Value);
}
