using System.Globalization;
using System.Text;

namespace SnConnectPortal.Web.Features.UserDirectory;

/// <summary>How names, emails and user names are compared: case-insensitively, trimmed, without diacritics.</summary>
public static class DirectoryText
{
    /// <summary>Upper-cased and trimmed; "" for null.</summary>
    public static string Key(string? value) => (value ?? "").Trim().ToUpperInvariant();

    /// <summary>A full name for comparison: single spaces, no diacritics, upper case ("José  García" → "JOSE GARCIA").</summary>
    public static string NameKey(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var decomposed = value.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The value cut to <paramref name="maxLength"/> characters.</summary>
    public static string Cut(string? value, int maxLength) =>
        value is null ? "" : value.Length <= maxLength ? value : value[..maxLength];
}
