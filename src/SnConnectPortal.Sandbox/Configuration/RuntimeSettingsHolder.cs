using System.Text.Json;

namespace SnConnectPortal.Sandbox.Configuration;

/// <summary>The current <see cref="RuntimeSettings"/>, swapped atomically on every change.</summary>
internal sealed class RuntimeSettingsHolder
{
    private RuntimeSettings _current = new();

    public RuntimeSettings Current => Volatile.Read(ref _current);

    public void Reset() => Volatile.Write(ref _current, new RuntimeSettings());

    /// <summary>Applies a partial JSON object; returns the names it did not know (nothing is applied then).</summary>
    public IReadOnlyList<string> TryApply(JsonElement patch, out string? error)
    {
        error = null;
        if (patch.ValueKind != JsonValueKind.Object)
        {
            error = "The body must be a JSON object.";
            return [];
        }

        var updated = Current;
        var unknown = new List<string>();
        try
        {
            foreach (var property in patch.EnumerateObject())
            {
                var value = property.Value;
                updated = property.Name switch
                {
                    "accessTokenLifetimeSeconds" => updated with { AccessTokenLifetimeSeconds = value.GetInt32() },
                    "refreshTokenLifetimeSeconds" => updated with { RefreshTokenLifetimeSeconds = value.GetInt32() },
                    "clientCredentialsGrantEnabled" => updated with { ClientCredentialsGrantEnabled = value.GetBoolean() },
                    "passwordGrantDisabled" => updated with { PasswordGrantDisabled = value.GetBoolean() },
                    "clockSkewSeconds" => updated with { ClockSkewSeconds = value.GetInt32() },
                    "maxRequestBodyBytes" => updated with { MaxRequestBodyBytes = value.GetInt64() },
                    "aclHideEveryNthUser" => updated with { AclHideEveryNthUser = Math.Max(0, value.GetInt32()) },
                    _ => Unknown(unknown, property.Name, updated),
                };
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            error = $"Invalid value: {e.Message}";
            return [];
        }

        if (unknown.Count == 0)
        {
            Volatile.Write(ref _current, updated);
        }

        return unknown;
    }

    private static RuntimeSettings Unknown(List<string> unknown, string name, RuntimeSettings settings)
    {
        unknown.Add(name);
        return settings;
    }
}
