using System.Globalization;

namespace SnConnectPortal.Sandbox.Tables;

/// <summary>
/// Task numbers: prefix plus at least 7 digits. New incidents start at INC0010001 as on a personal developer
/// instance (SERVICENOW-API.md section 1, "Number").
/// </summary>
internal static class TaskNumbers
{
    public static long Start(string prefix) => prefix switch
    {
        "INC" => 10_000,
        "PRB" => 40_000,
        "CHG" => 30_000,
        "ISET" => 10_000,
        _ => 10_000,
    };

    public static string Format(string prefix, long value) =>
        prefix + value.ToString("D7", CultureInfo.InvariantCulture);
}
