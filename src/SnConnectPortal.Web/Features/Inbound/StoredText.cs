using System.Globalization;

namespace SnConnectPortal.Web.Features.Inbound;

/// <summary>
/// Makes a value read from a payload storable in its column on either database, so that one message cannot make a
/// batch fail. A NUL character (which PostgreSQL text cannot hold) becomes the six characters <c>\u0000</c>, as the
/// payload itself writes it. A value longer than its column is cut at a text-element boundary (never inside a
/// surrogate pair or between a letter and its accents) and ends with <see cref="CutMarker"/>, which records that it
/// was cut; the whole value stays in the stored payload.
/// </summary>
public static class StoredText
{
    public const string CutMarker = "…";

    public static string Fit(string value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            value = value.Replace("\0", "\\u0000", StringComparison.Ordinal);
        }

        if (value.Length <= maxLength)
        {
            return value;
        }

        var room = maxLength - CutMarker.Length;
        var end = 0;
        while (end < value.Length)
        {
            var next = StringInfo.GetNextTextElementLength(value.AsSpan(end));
            if (end + next > room)
            {
                break;
            }

            end += next;
        }

        return string.Concat(value.AsSpan(0, end), CutMarker);
    }
}
