using System.Globalization;
using System.Text;
using System.Text.Json;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Administration;

/// <summary>One audit entry as a person reads it: what happened, to what (by name), and each change as "field: old → new".</summary>
public sealed record AuditRow(long Id, DateTime OccurredAt, string Actor, string Action, string What, IReadOnlyList<string> Details);

/// <summary>
/// Turns a stored audit entry (action key, entity type and id, details as JSON) into words: names instead of ids,
/// labels instead of property names, and a from → to for every change. Nothing here reads the database; the names
/// come in an <see cref="AuditNames"/>.
/// </summary>
public static class AuditText
{
    private const string Nothing = "(none)";

    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        ["connection.created"] = "Connection created",
        ["connection.changed"] = "Connection changed",
        ["connection.disabled"] = "Connection disabled",
        ["connection.enabled"] = "Connection enabled",
        ["connection.activated"] = "Connection activated",
        ["connection.deleted"] = "Connection deleted",
        ["inbound.created"] = "Inbound receiver set up",
        ["inbound.password-rotated"] = "Inbound password replaced",
        ["inbound.rate-limit-changed"] = "Inbound rate limit changed",
        ["outbound.test-record"] = "Test record sent",
        ["usermapping.suggested"] = "Matches suggested",
        ["usermapping.accepted"] = "Suggested mapping accepted",
        ["usermapping.mapped"] = "Mapped by hand",
        ["usermapping.unmapped"] = "Mapping removed",
        ["hubuser.created"] = "Hub user added",
        ["hubuser.csv-imported"] = "Hub users imported from CSV",
        ["userimport.started"] = "User import started",
        ["userimport.resumed"] = "User import resumed",
        ["userimport.cancelled"] = "User import cancelled",
        ["message.retried"] = "Message retried",
        ["messages.replayed"] = "Messages replayed",
        ["settings.retention.changed"] = "Message retention changed",
        ["user.created"] = "Portal user created",
        ["user.role-changed"] = "Role changed",
        ["user.disabled"] = "Portal user disabled",
        ["user.enabled"] = "Portal user enabled",
        ["user.password-reset"] = "Password reset",
        ["user.sign-in-refused"] = "Microsoft sign-in refused",
        ["user.two-factor-enabled"] = "Two-factor sign-in turned on",
        ["user.two-factor-reset"] = "Two-factor sign-in reset",
        ["user.recovery-code-used"] = "Signed in with a recovery code",
        ["user.recovery-codes-regenerated"] = "New recovery codes made",
        ["settings.two-factor-required.changed"] = "Two-factor requirement changed",
        ["fieldmapping.created"] = "Field mapping created",
        ["fieldmapping.changed"] = "Field mapping changed",
        ["fieldmapping.removed"] = "Field mapping removed",
        ["alerts.settings.changed"] = "Alert settings changed",
        ["alerts.recipient.added"] = "Alert recipient added",
        ["alerts.recipient.removed"] = "Alert recipient removed",
        ["apikey.created"] = "API key created",
        ["apikey.revoked"] = "API key revoked",
        ["apikey.refused"] = "API key refused",
        ["apikey.refused-again"] = "API key refused again",
    };

    private static readonly Dictionary<string, string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["instanceUrl"] = "Instance URL",
        ["authMode"] = "Sign-in",
        ["userName"] = "User name",
        ["clientId"] = "Client id",
        ["timeZone"] = "Time zone",
        ["outboundRateLimit"] = "Outbound rate limit",
        ["callerHubUser"] = "Caller",
        ["responseId"] = "Response id",
        ["correlationId"] = "Correlation id",
        ["externalId"] = "External id",
        ["displayName"] = "Display name",
        ["firstRun"] = "First administrator",
        ["suggested"] = "Suggestions",
        ["secrets"] = "Secrets",
        ["signIn"] = "Signs in with",
        ["tenantId"] = "Tenant id",
        ["objectId"] = "Object id",
        ["repeated"] = "Further refusals",
        ["until"] = "Last at",
    };

    /// <summary>Ids that the "what" column already names.</summary>
    private static readonly HashSet<string> Consumed = new(StringComparer.Ordinal) { "connectionId", "hubUserId", "sysId" };

    public static AuditRow Describe(AuditEntry entry, AuditNames names)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(names);
        var details = Parse(entry.Details);
        return new AuditRow(entry.Id, entry.OccurredAt, entry.Actor, ActionText(entry.Action), What(entry, details, names), Lines(entry, details, names));
    }

    public static string ActionText(string action) =>
        Actions.TryGetValue(action, out var text) ? text : Sentence(action.Replace('.', ' ').Replace('-', ' '));

    private static JsonElement? Parse(string? details)
    {
        if (string.IsNullOrWhiteSpace(details))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(details);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string What(AuditEntry entry, JsonElement? details, AuditNames names)
    {
        var id = entry.EntityId;
        switch (entry.EntityType)
        {
            case "Connection":
                return "Connection " + ConnectionName(Long(id), details, names);
            case "PortalUser":
                return "Portal user " + (id is not null && names.PortalUsers.TryGetValue(id, out var email) ? email : Text(details, "email") ?? id ?? Nothing);
            case "HubUser":
                return id is null ? "Hub users" : "Hub user " + HubUserName(Long(id), names);
            case "UserMapping":
                var hubUser = Long(details, "hubUserId");
                var onConnection = " on " + ConnectionName(Long(details, "connectionId"), null, names);
                return hubUser is null ? "Mappings" + onConnection : "Hub user " + HubUserName(hubUser, names) + onConnection;
            case "UserImport":
                return "ServiceNow users of " + ConnectionName(Long(details, "connectionId"), null, names);
            case "Message":
                return id is null ? "Messages" : "Message " + id;
            case "FieldMapping":
                return $"Field mapping of {Text(details, "table") ?? Nothing} on " + ConnectionName(Long(details, "connectionId"), null, names);
            case "ApiKey":
                return Text(details, "name") is { } keyName ? $"API key “{keyName}”" : "API key";
            case "AlertSettings":
                return "Alert settings";
            case "AlertRecipient":
                return "Alert recipient";
            case "PortalSetting":
                return id switch
                {
                    "Messages.RetentionDays" => "Message retention",
                    "Security.RequireTwoFactor" => "Two-factor sign-in",
                    _ => "Setting " + id,
                };
            default:
                return id is null ? entry.EntityType : $"{entry.EntityType} {id}";
        }
    }

    private static List<string> Lines(AuditEntry entry, JsonElement? details, AuditNames names)
    {
        var lines = new List<string>();
        if (details is not { } root)
        {
            return lines;
        }

        var hasFromTo = root.TryGetProperty("from", out var from) | root.TryGetProperty("to", out var to);
        if (hasFromTo)
        {
            lines.Add($"{FromToLabel(entry.Action)}: {FromToValue(entry, from, names)} → {FromToValue(entry, to, names)}");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (Consumed.Contains(property.Name) || property.Name is "from" or "to" ||
                (property.Name == "name" && entry.EntityType is "Connection" or "ApiKey") || (property.Name == "table" && entry.EntityType == "FieldMapping"))
            {
                continue;
            }

            switch (property.Name)
            {
                case "changes" when property.Value.ValueKind == JsonValueKind.Array:
                    foreach (var change in property.Value.EnumerateArray())
                    {
                        lines.Add($"{Label(Text(change, "Field") ?? "?")}: {Text(change, "From") ?? Nothing} → {Text(change, "To") ?? Nothing}");
                    }

                    break;
                case "settings" or "filter" when property.Value.ValueKind == JsonValueKind.Object:
                    lines.AddRange(property.Value.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).Select(p => $"{Label(p.Name)}: {Value(p.Value)}"));
                    break;
                default:
                    if (property.Value.ValueKind is not JsonValueKind.Null && !(property.Value.ValueKind == JsonValueKind.Array && property.Value.GetArrayLength() == 0))
                    {
                        lines.Add($"{Label(property.Name)}: {Value(property.Value)}{(property.Name == "confidence" ? "%" : "")}");
                    }

                    break;
            }
        }

        return lines;
    }

    private static string FromToLabel(string action) => action switch
    {
        _ when action.StartsWith("usermapping.", StringComparison.Ordinal) => "ServiceNow user",
        "settings.retention.changed" => "Days kept (0 = for ever)",
        "settings.two-factor-required.changed" => "Required for local accounts",
        "user.role-changed" => "Role",
        _ when action.StartsWith("alerts.recipient.", StringComparison.Ordinal) => "Recipient",
        "inbound.rate-limit-changed" => "Messages per second",
        _ => "Value",
    };

    private static string FromToValue(AuditEntry entry, JsonElement value, AuditNames names)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return Nothing;
        }

        return entry.EntityType == "UserMapping" && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var id)
            ? names.ServiceNowUsers.GetValueOrDefault(id) ?? $"ServiceNow user {id}"
            : Value(value);
    }

    private static string ConnectionName(long? id, JsonElement? details, AuditNames names) =>
        id is { } known && names.Connections.TryGetValue(known, out var name) ? $"“{name}”"
        : Text(details, "name") is { } recorded ? $"“{recorded}”"
        : id is null ? Nothing : $"#{id}";

    private static string HubUserName(long? id, AuditNames names) =>
        id is { } known && names.HubUsers.TryGetValue(known, out var name) ? name : $"#{id}";

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : "(empty)",
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Value)),
        JsonValueKind.Object => string.Join(", ", value.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).Select(p => $"{Label(p.Name)} {Value(p.Value)}")),
        JsonValueKind.Null => Nothing,
        _ => value.GetRawText(),
    };

    private static string Label(string name) => Labels.TryGetValue(name, out var label) ? label : Sentence(SplitCamelCase(name));

    private static string SplitCamelCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                builder.Append(' ');
            }

            builder.Append(name[i]);
        }

        return builder.ToString();
    }

    private static string Sentence(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..].ToLowerInvariant();

    private static string? Text(JsonElement? element, string property) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    internal static long? Long(JsonElement? element, string property) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;

    internal static long? Long(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    internal static JsonElement? Details(string? details) => Parse(details);
}
