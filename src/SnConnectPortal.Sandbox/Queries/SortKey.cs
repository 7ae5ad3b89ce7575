using System.Globalization;
using SnConnectPortal.Sandbox.Store;
using SnConnectPortal.Sandbox.Tables;

namespace SnConnectPortal.Sandbox.Queries;

/// <summary>An <c>ORDERBY</c> / <c>ORDERBYDESC</c> term.</summary>
internal sealed record SortKey(FieldPath Path, bool Descending)
{
    /// <summary>The key of every row, computed once per sort: integers compare as numbers, the rest ordinally.</summary>
    public IComparer<int> IndexComparer(IReadOnlyList<SnRecord> rows, InstanceStore store)
    {
        var text = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            text[i] = Path.ValueOf(rows[i], store);
        }

        var sign = Descending ? -1 : 1;
        if (Path.Field.Type != FieldType.Integer)
        {
            return Comparer<int>.Create((a, b) => sign * string.CompareOrdinal(text[a], text[b]));
        }

        var numbers = new long?[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            numbers[i] = long.TryParse(text[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        }

        return Comparer<int>.Create((a, b) => sign * (numbers[a] is { } x && numbers[b] is { } y
            ? x.CompareTo(y)
            : string.CompareOrdinal(text[a], text[b])));
    }
}
