using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Data.Outbox;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Features.UserDirectory;

namespace SnConnectPortal.Web.Features.Outbound;

/// <summary>
/// One delivery attempt of one outbound message (PRODUCT.md section 4): claim it (Sending), create the record through
/// the connection's client, and record the attempt and the message's next state. Success → Delivered; 429 → Retrying
/// after Retry-After; 5xx, timeout or dropped connection → Retrying with exponential backoff, and the next attempt
/// first looks the record up by correlation_id; other refusals (400, 403 ...) → Failed; the last transient failure →
/// DeadLettered; a user field whose hub user the mapping cannot resolve → Failed before anything is sent. The outbox
/// owns retrying, so the client's own retries are off: every attempt is on the timeline. Attempts that contact the
/// instance are spaced by the connection's outbound rate limit (<see cref="OutboundPacer"/>): the claim skips the
/// messages of a connection whose next slot has not come, so they wait without holding up other connections.
/// </summary>
public sealed partial class MessageDelivery(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    IConnectionSettingsSource settingsSource,
    IServiceNowClientFactory clientFactory,
    UserResolver userResolver,
    MessageNotifier notifier,
    OutboundPacer pacer,
    IOptions<OutboundOptions> options,
    TimeProvider timeProvider,
    ILogger<MessageDelivery> logger)
{
    private static readonly MessageStatus[] DueStatuses = [MessageStatus.Queued, MessageStatus.Retrying, MessageStatus.Sending];

    /// <summary>
    /// Claims the message due first (Queued; Retrying whose wait is over; Sending whose claim expired, i.e. interrupted
    /// by a stop or crash) and delivers it; false when none is due at <paramref name="dueBy"/>.
    /// </summary>
    public async Task<bool> DeliverNextAsync(DateTime dueBy, CancellationToken cancellationToken)
    {
        var settings = options.Value;

        // Read before the attempt's start time: a connection free at that reading was free at the start it records.
        var paced = pacer.Paced();
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);

        // A claim lasts well past the attempt's own timeout; a message still Sending after it was interrupted.
        var claimExpires = now.AddSeconds(settings.AttemptTimeoutSeconds * 2 + 30);
        var due = await OutboxClaims.For(db).ClaimNextAsync(
            db, new OutboxClaim(DueStatuses, MessageStatus.Sending, dueBy, claimExpires) { ExcludedConnectionIds = paced }, cancellationToken);
        if (due is null)
        {
            return false;
        }

        notifier.Publish(new MessagesCommitted(0, [due.ConnectionId]));
        var message = await db.Messages.FirstAsync(m => m.Id == due.Id, cancellationToken);
        var lastOutcome = await db.MessageAttempts.Where(a => a.MessageId == message.Id)
            .OrderByDescending(a => a.Attempt).Select(a => (AttemptOutcome?)a.Outcome).FirstOrDefaultAsync(cancellationToken);
        if (due.PreviousStatus == MessageStatus.Sending)
        {
            db.MessageAttempts.Add(new MessageAttempt
            {
                MessageId = message.Id,
                Attempt = message.AttemptCount - 1,
                StartedAt = now,
                Outcome = AttemptOutcome.Interrupted,
                Detail = "The portal stopped during this attempt: the record may have been created.",
            });
            lastOutcome = AttemptOutcome.Interrupted;
        }

        var started = timeProvider.GetTimestamp();
        var result = await AttemptAsync(db, message, MayHaveCreated(lastOutcome), cancellationToken);
        var durationMs = (int)timeProvider.GetElapsedTime(started).TotalMilliseconds;

        db.MessageAttempts.Add(new MessageAttempt
        {
            MessageId = message.Id,
            Attempt = message.AttemptCount,
            StartedAt = now,
            DurationMs = durationMs,
            HttpStatus = result.HttpStatus,
            Outcome = result.Outcome,
            Detail = Clip(result.Detail),
        });
        Apply(message, result, durationMs, settings);
        await db.SaveChangesAsync(CancellationToken.None);
        notifier.Publish(new MessagesCommitted(0, [message.ConnectionId]));
        LogAttempt(message.Id, message.AttemptCount, result.Outcome, message.Status);
        return true;
    }

    private async Task<AttemptResult> AttemptAsync(PortalDbContext db, Message message, bool lookUpFirst, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.AsNoTracking().Include(c => c.Secrets).FirstOrDefaultAsync(c => c.Id == message.ConnectionId, cancellationToken);
        if (connection is null || connection.DeletedAt is not null)
        {
            return AttemptResult.Final(AttemptOutcome.Failed, "The connection was deleted: nothing is sent for it any more.");
        }

        if (connection.Status == ConnectionStatus.Disabled)
        {
            return AttemptResult.Final(AttemptOutcome.Failed, $"The connection '{connection.Name}' is disabled: an Admin enables it, then retry the message.");
        }

        if (message.TableName is not { Length: > 0 } table || OutboundPayload.Parse(message.Payload) is not { } payload)
        {
            return AttemptResult.Final(AttemptOutcome.Failed,
                "The message has no table or its payload is not a JSON object of field values and {\"hubUser\": ...} references.");
        }

        IServiceNowClient client;
        try
        {
            var timeout = TimeSpan.FromSeconds(options.Value.AttemptTimeoutSeconds);
            client = clientFactory.Create(settingsSource.SettingsOf(connection) with
            {
                PerCallTimeout = timeout,
                OverallDeadline = timeout,
                Retry = new ServiceNowRetryLimits { MaxRetryAttempts = 0 },
            });
        }
        catch (Exception e) when (e is ArgumentException or FormatException or CryptographicException or InvalidOperationException)
        {
            return AttemptResult.Final(AttemptOutcome.Failed, $"The connection's settings cannot be used: {e.Message}");
        }

        // Only an attempt that contacts the instance counts against its limit, read from the row just loaded: an edit
        // applies from this attempt on, without a restart.
        pacer.Started(connection.Id, connection.OutboundRateLimitPerMinute);
        try
        {
            if (lookUpFirst && !string.IsNullOrEmpty(message.CorrelationId)
                && await client.FindByCorrelationIdAsync(table, message.CorrelationId, cancellationToken) is { } found)
            {
                return AttemptResult.Success(AttemptOutcome.Found, 200, found.SysId, found["number"],
                    $"Found {found["number"]} by correlation_id {message.CorrelationId}: an earlier attempt had created it.");
            }

            // Users are resolved only now: a record an earlier attempt created is found above whatever the mapping says.
            var fields = new Dictionary<string, string>(payload.Fields, StringComparer.Ordinal);
            foreach (var (field, hubUser) in payload.HubUsers)
            {
                var user = await userResolver.ResolveAsync(message.ConnectionId, hubUser, cancellationToken);
                if (!user.Resolved)
                {
                    return AttemptResult.Final(AttemptOutcome.Unresolved,
                        $"{field}: {user.Reason} Map the hub user on the User directory page, then retry the message.");
                }

                fields[field] = user.SysId!;
            }

            var created = await client.CreateAsync(table, fields, cancellationToken);
            return AttemptResult.Success(AttemptOutcome.Delivered, created.Response.StatusCode, created.Value.SysId, created.Value["number"],
                $"Created {created.Value["number"]}.");
        }
        catch (ServiceNowException e)
        {
            return Classify(e.Error);
        }
    }

    private static AttemptResult Classify(ServiceNowError error)
    {
        var said = (error.Message, error.Detail) switch
        {
            (null, null) => error.Describe(),
            ({ } m, null) => m,
            (null, { } d) => d,
            ({ } m, { } d) => $"{m}: {d}",
        };
        return error.Kind switch
        {
            ServiceNowErrorKind.RateLimited => new AttemptResult(AttemptOutcome.RateLimited, error.StatusCode, said, error.Describe(), Retry: true, error.RetryAfter),
            ServiceNowErrorKind.ServerError or ServiceNowErrorKind.Timeout or ServiceNowErrorKind.Connection =>
                new AttemptResult(AttemptOutcome.Uncertain, error.StatusCode, said, error.Describe(), Retry: true),
            _ => new AttemptResult(error.StatusCode is >= 400 and < 500 ? AttemptOutcome.Rejected : AttemptOutcome.Failed,
                error.StatusCode, said, error.Describe(), Retry: false),
        };
    }

    private void Apply(Message message, AttemptResult result, int durationMs, OutboundOptions settings)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        message.HttpStatus = result.HttpStatus;
        message.DurationMs = durationMs;
        if (result.SysId is not null)
        {
            message.Status = MessageStatus.Delivered;
            message.RecordSysId = result.SysId;
            message.Number = result.Number;
            message.NextAttemptAt = null;
            message.LastError = null;
        }
        else if (result.Retry && message.AttemptCount < settings.MaxAttempts)
        {
            message.Status = MessageStatus.Retrying;
            message.NextAttemptAt = now + (result.RetryAfter ?? Backoff(message.AttemptCount, settings));
            message.LastError = Clip(result.Error);
        }
        else
        {
            message.Status = result.Retry ? MessageStatus.DeadLettered : MessageStatus.Failed;
            message.NextAttemptAt = null;
            message.LastError = Clip(result.Retry ? $"Gave up after {message.AttemptCount} attempts. {result.Error}" : result.Error);
        }
    }

    /// <summary>Outcomes after which the record may exist in ServiceNow without the portal knowing its sys_id.</summary>
    private static bool MayHaveCreated(AttemptOutcome? outcome) => outcome is AttemptOutcome.Uncertain or AttemptOutcome.Interrupted;

    /// <summary>Base × 2^(attempt − 1), at most the configured maximum.</summary>
    internal static TimeSpan Backoff(int attempt, OutboundOptions settings) =>
        TimeSpan.FromSeconds(Math.Min(settings.BackoffBaseSeconds * Math.Pow(2, Math.Min(attempt - 1, 30)), settings.BackoffMaxSeconds));

    private static string? Clip(string? text) => text is { Length: > Message.MaxErrorLength } ? text[..(Message.MaxErrorLength - 1)] + "…" : text;

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbound message {MessageId} attempt {Attempt}: {Outcome}, now {Status}")]
    private partial void LogAttempt(long messageId, int attempt, AttemptOutcome outcome, MessageStatus status);

    /// <param name="Detail">For the attempt's row: ServiceNow's message and detail, or the record's number.</param>
    /// <param name="Error">For the message's LastError: the whole story with the remedy.</param>
    private sealed record AttemptResult(AttemptOutcome Outcome, int? HttpStatus, string Detail, string? Error, bool Retry, TimeSpan? RetryAfter = null)
    {
        public string? SysId { get; init; }

        public string? Number { get; init; }

        public static AttemptResult Success(AttemptOutcome outcome, int status, string sysId, string number, string detail) =>
            new(outcome, status, detail, null, Retry: false) { SysId = sysId, Number = number };

        public static AttemptResult Final(AttemptOutcome outcome, string reason) => new(outcome, null, reason, reason, Retry: false);
    }
}
