using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Features.Events;

/// <summary>Section <c>Events</c>: limits of <c>POST /api/events</c>.</summary>
public sealed class EventsOptions
{
    public const string SectionName = "Events";

    /// <summary>Most events in one request (<c>{"events": [...]}</c>).</summary>
    public const int MaxBatchSize = 1000;

    /// <summary>Most attachments one event carries.</summary>
    public const int MaxAttachments = 10;

    /// <summary>Largest accepted body, in bytes; a larger one is refused with 413 and nothing is stored.</summary>
    public long MaxRequestBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest attachment, in bytes once decoded; an event with a larger one is refused (400) and nothing of it is stored.</summary>
    public long MaxAttachmentBytes { get; set; } = 5 * 1024 * 1024;
}

internal sealed class EventsOptionsValidator : IValidateOptions<EventsOptions>
{
    public ValidateOptionsResult Validate(string? name, EventsOptions options)
    {
        if (options.MaxRequestBytes is < 1024 or > 100L * 1024 * 1024)
        {
            return ValidateOptionsResult.Fail($"Events:MaxRequestBytes must be between 1024 and 104857600 (was {options.MaxRequestBytes}).");
        }

        return options.MaxAttachmentBytes >= 1 && options.MaxAttachmentBytes <= options.MaxRequestBytes
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Events:MaxAttachmentBytes must be between 1 and Events:MaxRequestBytes (was {options.MaxAttachmentBytes}).");
    }
}
