using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.ApiKeys;

/// <summary>
/// Makes and hashes API keys: <c>sncp_</c>, 8 random characters (the prefix shown in lists), <c>_</c>, then 256 random
/// bits in base64url. Stored as SHA-256: with that much entropy a slow hash adds nothing, and a fast one lets every
/// request be checked with one indexed lookup.
/// </summary>
public static class ApiKeySecret
{
    private const string Marker = "sncp_";
    private const string PrefixAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static (string Key, string Prefix) Generate()
    {
        var prefix = Marker + RandomNumberGenerator.GetString(PrefixAlphabet, FieldLengths.ApiKeyPrefix - Marker.Length);
        return (prefix + "_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)), prefix);
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The prefix of something presented as a key, if it looks like one (for the audit log); never more of it.</summary>
    public static string? PrefixOf(string presented) =>
        presented.StartsWith(Marker, StringComparison.Ordinal) && presented.Length > FieldLengths.ApiKeyPrefix
            ? presented[..FieldLengths.ApiKeyPrefix]
            : null;
}
