using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Outbound;
using SnConnectPortal.Web.Validation;

namespace SnConnectPortal.Web.Features.Events;

/// <summary>
/// The rules an event meets on its own, before the database is asked (which connection, which tables: see
/// <see cref="EventIntake"/>). Errors are keyed by the JSON name of what is wrong (<c>table</c>,
/// <c>fields.short_description</c>), as a sender reads them.
/// </summary>
public sealed partial class IncomingEventValidator : AbstractValidator<IncomingEvent>
{
    /// <summary>Most fields one event may set.</summary>
    public const int MaxFields = 100;

    /// <summary>Longest ServiceNow column name (sys_dictionary's element).</summary>
    public const int MaxFieldNameLength = 80;

    /// <summary>Longest field value: more than a default string or journal field (4,000) takes, less than a body can carry in bulk.</summary>
    public const int MaxFieldValueLength = 32_000;

    /// <summary>A hub user is named by external id or email; the longer of the two.</summary>
    public const int MaxReporterLength = FieldLengths.HubUserEmail;

    private const string CallerField = "caller_id";
    private const string CorrelationField = "correlation_id";

    public IncomingEventValidator(IOptions<EventsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var maxAttachmentBytes = options.Value.MaxAttachmentBytes;
        RuleFor(e => e.Id).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Give the event's id: the same id again is the same event.")
            .MaximumLength(FieldLengths.MessageEventId).WithMessage(LengthLimit.Message("An event id", FieldLengths.MessageEventId))
            .Matches(EventIdPattern()).WithMessage(EventIdRule)
            .OverridePropertyName("id");

        RuleFor(e => e.Connection)
            .Must(connection => connection.ValueKind is JsonValueKind.Number or JsonValueKind.String)
            .WithMessage("Give the connection's id (a number) or name (a string).")
            .OverridePropertyName("connection");
        RuleFor(e => e.ConnectionText).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("A connection id is a positive whole number; a name is not empty.")
            .MaximumLength(FieldLengths.ConnectionName).WithMessage(LengthLimit.Message("A connection name", FieldLengths.ConnectionName))
            .When(e => e.Connection.ValueKind is JsonValueKind.Number or JsonValueKind.String)
            .OverridePropertyName("connection");

        RuleFor(e => e.Table).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Give the ServiceNow table, e.g. incident.")
            .MaximumLength(FieldLengths.MessageTableName).WithMessage(LengthLimit.Message("A table name", FieldLengths.MessageTableName))
            .Matches(ColumnNamePattern()).WithMessage("A ServiceNow table name has lowercase letters, digits and underscores, starting with a letter (e.g. incident, u_alarm).")
            .OverridePropertyName("table");

        RuleFor(e => e.Action)
            .Must(action => action is OutboundActions.Create or OutboundActions.Update)
            .WithMessage($"The action is \"{OutboundActions.Create}\" or \"{OutboundActions.Update}\".")
            .OverridePropertyName("action");

        RuleFor(e => e.CorrelationId).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("An update names the record it changes: give correlationId, the id of the event that created it.")
            .MaximumLength(FieldLengths.MessageCorrelationId).WithMessage(LengthLimit.Message("A correlation id", FieldLengths.MessageCorrelationId))
            .Matches(EventIdPattern()).WithMessage(EventIdRule)
            .When(e => e.Action == OutboundActions.Update)
            .OverridePropertyName("correlationId");
        RuleFor(e => e.CorrelationId)
            .Empty().WithMessage("Only an update takes correlationId: a create's record gets the event's id as its correlation_id.")
            .When(e => e.Action == OutboundActions.Create)
            .OverridePropertyName("correlationId");

        RuleFor(e => e.Fields).Custom((fields, context) => CheckFields(fields, context.InstanceToValidate, context));

        RuleFor(e => e.Reporter).Cascade(CascadeMode.Stop)
            .Must(reporter => !string.IsNullOrWhiteSpace(reporter)).WithMessage("Leave reporter out, or name a hub user by external id or email.")
            .MaximumLength(MaxReporterLength).WithMessage(LengthLimit.Message("A reporter", MaxReporterLength))
            .When(e => e.Reporter is not null)
            .OverridePropertyName("reporter");

        RuleFor(e => e.Attachments).Custom((attachments, context) => CheckAttachments(attachments, maxAttachmentBytes, context));
    }

    private const string EventIdRule =
        "An id has letters, digits and . _ : @ / + -, starting with a letter or digit (it is searched for in ServiceNow as correlation_id).";

    private static void CheckFields(Dictionary<string, string?>? fields, IncomingEvent incoming, ValidationContext<IncomingEvent> context)
    {
        if (fields is null || fields.Count == 0)
        {
            context.AddFailure("fields", "Give at least one field, e.g. {\"short_description\": \"Disk full\"}.");
            return;
        }

        if (fields.Count > MaxFields)
        {
            context.AddFailure("fields", $"An event sets at most {MaxFields} fields.");
            return;
        }

        foreach (var (name, value) in fields)
        {
            var key = $"fields.{name}";
            if (name.Length > MaxFieldNameLength || !ColumnNamePattern().IsMatch(name))
            {
                context.AddFailure(key, $"A ServiceNow field name has lowercase letters, digits and underscores, starting with a letter, and at most {MaxFieldNameLength} characters.");
            }
            else if (name.StartsWith("sys_", StringComparison.Ordinal) || name == CorrelationField)
            {
                context.AddFailure(key, $"{name} is set by ServiceNow or the portal (correlation_id is the event's id), not by an event.");
            }
            else if (name == CallerField && incoming.Reporter is not null)
            {
                context.AddFailure(key, "Give the caller either as reporter (a hub user) or as caller_id (a sys_id), not both.");
            }
            else if (value is null)
            {
                context.AddFailure(key, "A value is a string; send \"\" for an empty one.");
            }
            else if (value.Length > MaxFieldValueLength)
            {
                context.AddFailure(key, LengthLimit.Message("A field value", MaxFieldValueLength));
            }
        }
    }

    private static void CheckAttachments(List<IncomingAttachment?>? attachments, long maxBytes, ValidationContext<IncomingEvent> context)
    {
        if (attachments is null)
        {
            return;
        }

        if (attachments.Count > EventsOptions.MaxAttachments)
        {
            context.AddFailure("attachments", $"An event carries at most {EventsOptions.MaxAttachments} attachments.");
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < attachments.Count; i++)
        {
            var key = $"attachments[{i}]";
            if (attachments[i] is not { } attachment)
            {
                context.AddFailure(key, "An attachment is an object: {\"fileName\": ..., \"contentType\": ..., \"content\": \"<base64>\"}.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(attachment.FileName) || attachment.FileName.Length > FieldLengths.AttachmentFileName
                || attachment.FileName.Any(c => char.IsControl(c) || c is '/' or '\\'))
            {
                context.AddFailure($"{key}.fileName", $"Give the file's name, without a folder (no / or \\), at most {FieldLengths.AttachmentFileName} characters.");
            }
            else if (!names.Add(attachment.FileName))
            {
                context.AddFailure($"{key}.fileName", "Another attachment of the event has this name: each file name once per event.");
            }

            if (attachment.ContentType is { } contentType && (contentType.Length > FieldLengths.AttachmentContentType
                || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || mediaType.MatchesAllTypes || mediaType.MatchesAllSubTypes))
            {
                context.AddFailure($"{key}.contentType", $"A media type such as text/plain or image/png, at most {FieldLengths.AttachmentContentType} characters (leave it out for application/octet-stream).");
            }

            if (attachment.Bytes() is not { Length: > 0 } bytes)
            {
                context.AddFailure($"{key}.content", "Give the file's bytes as base64 (RFC 4648), or as a file part of a multipart event; not empty.");
            }
            else if (bytes.Length > maxBytes)
            {
                context.AddFailure($"{key}.content", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"The file has {bytes.Length:N0} bytes; an attachment has at most {maxBytes:N0} (Events:MaxAttachmentBytes). Nothing of the event was stored."));
            }
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex ColumnNamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:@/+-]*$")]
    private static partial Regex EventIdPattern();
}
