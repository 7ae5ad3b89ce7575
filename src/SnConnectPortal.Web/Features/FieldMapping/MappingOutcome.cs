using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Outbound;

namespace SnConnectPortal.Web.Features.FieldMapping;

/// <summary>
/// What a mapping made of an event's fields: the payload for ServiceNow and what it noted on the way, or, for an event
/// below the threshold, the reason it is skipped (then <see cref="Payload"/> is what it would have sent).
/// </summary>
public sealed record MappingOutcome(OutboundPayload Payload, IReadOnlyList<string> Warnings, string? SkippedReason)
{
    public bool Skipped => SkippedReason is not null;

    /// <summary>Records on the event's new message what the mapping noted, and makes it Skipped (never delivered) when it is.</summary>
    public void ApplyTo(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Warnings.Count > 0)
        {
            var text = string.Join('\n', Warnings);
            message.Warnings = text.Length <= FieldLengths.MessageWarnings ? text : text[..(FieldLengths.MessageWarnings - 1)] + "…";
        }

        if (SkippedReason is { } reason)
        {
            message.Status = MessageStatus.Skipped;
            message.NextAttemptAt = null;
            message.LastError = reason;
        }
    }

    /// <summary>The fields as they came, for a table without a mapping.</summary>
    public static MappingOutcome PassThrough(IReadOnlyDictionary<string, string> fields) =>
        new(new OutboundPayload(fields, new Dictionary<string, string>(StringComparer.Ordinal)), [], null);
}
