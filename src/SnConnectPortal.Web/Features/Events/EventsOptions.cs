using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Features.Events;

/// <summary>Section <c>Events</c>: limits of <c>POST /api/events</c>.</summary>
public sealed class EventsOptions
{
    public const string SectionName = "Events";

    /// <summary>Most events in one request (<c>{"events": [...]}</c>).</summary>
    public const int MaxBatchSize = 1000;

    /// <summary>Largest accepted body, in bytes; a larger one is refused with 413 and nothing is stored.</summary>
    public long MaxRequestBytes { get; set; } = 10 * 1024 * 1024;
}

internal sealed class EventsOptionsValidator : IValidateOptions<EventsOptions>
{
    public ValidateOptionsResult Validate(string? name, EventsOptions options) =>
        options.MaxRequestBytes is >= 1024 and <= 100L * 1024 * 1024
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Events:MaxRequestBytes must be between 1024 and 104857600 (was {options.MaxRequestBytes}).");
}
