namespace SnConnectPortal.Data;

/// <summary>One delivery attempt of an outbound <see cref="Message"/>, for the message view's timeline.</summary>
public class MessageAttempt
{
    public long Id { get; set; }

    public long MessageId { get; set; }

    /// <summary>1 for the first attempt; retries and replays continue the count.</summary>
    public int Attempt { get; set; }

    public DateTime StartedAt { get; set; }

    public int DurationMs { get; set; }

    /// <summary>ServiceNow's HTTP status, when it answered.</summary>
    public int? HttpStatus { get; set; }

    public required AttemptOutcome Outcome { get; set; }

    /// <summary>ServiceNow's error message and detail, or the number of the record created or found.</summary>
    public string? Detail { get; set; }

    /// <summary>X-RateLimit-Limit of the instance's answer: requests its rate limit rule allows the integration user an hour.</summary>
    public long? RateLimitPerHour { get; set; }

    /// <summary>X-RateLimit-Reset of the instance's answer: when that hourly window ends.</summary>
    public DateTime? RateLimitResetAt { get; set; }
}
