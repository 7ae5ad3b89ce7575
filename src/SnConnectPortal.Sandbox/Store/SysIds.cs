using System.Security.Cryptography;

namespace SnConnectPortal.Sandbox.Store;

/// <summary>sys_id values: 32 lowercase hex characters.</summary>
internal static class SysIds
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string FromRandom(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public static bool IsValid(string value) =>
        value.Length == 32 && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
