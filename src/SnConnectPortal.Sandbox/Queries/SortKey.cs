using System.Globalization;
using SnConnectPortal.Sandbox.Store;
using SnConnectPortal.Sandbox.Tables;

namespace SnConnectPortal.Sandbox.Queries;

/// <summary>An <c>ORDERBY</c> / <c>ORDERBYDESC</c> term.</summary>
internal sealed record SortKey(FieldPath Path, bool Descending)
{
    public int Compare(SnRecord left, SnRecord right, InstanceStore store)
    {
        var a = Path.ValueOf(left, store);
        var b = Path.ValueOf(right, store);
        var result = Path.Field.Type == FieldType.Integer
            && long.TryParse(a, NumberStyles.Integer, CultureInfo.InvariantCulture, out var x)
            && long.TryParse(b, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y)
                ? x.CompareTo(y)
                : string.CompareOrdinal(a, b);
        return Descending ? -result : result;
    }
}
