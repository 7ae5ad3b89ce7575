using System.Globalization;

namespace SnConnectPortal.Web.Features.Messages;

/// <summary>
/// Reads the retention typed on the Settings page: a whole number of days from 0 to <see cref="MessageRetentionSetting.MaxDays"/>.
/// Anything else is refused with the reason, never rounded or brought into range.
/// </summary>
public static class RetentionDaysText
{
    public static string RangeMessage { get; } =
        $"Enter a whole number of days from 0 (keep for ever) to {MessageRetentionSetting.MaxDays.ToString("N0", CultureInfo.InvariantCulture)}.";

    /// <summary>The days, or why the text is not a retention.</summary>
    public static (int? Days, string? Error) Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return (null, RangeMessage);
        }

        // A number too long for a long is out of range all the same.
        var isNumber = trimmed.TrimStart('-', '+').Length > 0 && trimmed.TrimStart('-', '+').All(char.IsAsciiDigit) && trimmed.Count(c => c is '-' or '+') <= 1;
        if (!isNumber)
        {
            return (null, $"Enter the days without decimals or units: a whole number from 0 (keep for ever) to {MessageRetentionSetting.MaxDays.ToString("N0", CultureInfo.InvariantCulture)}.");
        }

        return long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days) && days is >= 0 and <= MessageRetentionSetting.MaxDays
            ? ((int)days, null)
            : (null, RangeMessage);
    }
}
