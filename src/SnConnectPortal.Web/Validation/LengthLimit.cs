using System.Globalization;

namespace SnConnectPortal.Web.Validation;

/// <summary>
/// How every form says that a text is too long: the same sentence everywhere, naming the limit.
/// Limits come from <see cref="SnConnectPortal.Data.FieldLengths"/>; text over the limit is refused, never cut.
/// </summary>
public static class LengthLimit
{
    /// <summary>"A display name has at most 200 characters."</summary>
    public static string Message(string what, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} has at most {max:N0} characters.");

    /// <summary>The message when <paramref name="value"/> (trimmed) is longer than <paramref name="max"/>, else null.</summary>
    public static string? Check(string what, string? value, int max) =>
        (value?.Trim().Length ?? 0) <= max ? null : Message(what, max);
}
