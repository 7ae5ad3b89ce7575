using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Data.Outbox;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.ServiceNow.Records;
using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Features.UserDirectory;
using SnConnectPortal.Web.Operations.Telemetry;

namespace SnConnectPortal.Web.Features.Outbound;

/// <summary>
/// One delivery attempt of one outbound message (PRODUCT.md section 4): claim it (Sending), create the record through
/// the connection's client (an update patches the record holding its correlation id instead, waiting until that exists),
/// and record the attempt and the message's next state. Success → Delivered; 429 → Retrying
/// after Retry-After; 5xx, timeout or dropped connection → Retrying with exponential backoff, and the next attempt
/// first looks the record up by correlation_id; other refusals (400, 403 ...) → Failed; the last transient failure →
/// DeadLettered; a user field whose hub user the mapping cannot resolve → Failed before anything is sent. The outbox
/// owns retrying, so the client's own retries are off: every attempt is on the timeline. Each connection keeps its
/// instance's pace (<see cref="OutboundPacer"/>: deliveries in flight, the rate limit, a 429's Retry-After): the claim
/// skips the messages of a connection at its pace, so they wait without holding up other connections. On shutdown an
/// attempt in flight is released (Retrying, due at once, looked up first) rather than left to its claim's expiry.
/// </summary>
public sealed partial class MessageDelivery(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    IConnectionSettingsSource settingsSource,
    IServiceNowClientFactory clientFactory,
    UserResolver userResolver,
    AttachmentUpload attachmentUpload,
    MessageNotifier notifier,
    OutboundPacer pacer,
    PortalMetrics metrics,
    IOptions<OutboundOptions> options,
    TimeProvider timeProvider,
    ILogger<MessageDelivery> logger)
{
    private static readonly MessageStatus[] DueStatuses = [MessageStatus.Queued, MessageStatus.Retrying, MessageStatus.Sending];

    /// <summary>
    /// Claims up to <paramref name="most"/> messages due first (Queued; Retrying whose wait is over; Sending whose claim
    /// expired, i.e. interrupted by a crash) of connections not at their pace, in one transaction, and starts delivering
    /// each; none when nothing is due at <paramref name="dueBy"/>. Each returned task ends when its attempt is recorded.
    /// One caller (the worker) claims at a time, so that each claim sees every delivery in flight before it.
    /// </summary>
    public async Task<IReadOnlyList<Task>> StartDueAsync(DateTime dueBy, int most, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        IReadOnlyList<ClaimedMessage> claimed;
        Dictionary<long, OutboundRateLimit> limits;
        DateTime startedAt;
        await using (var db = await dbContextFactory.CreateDbContextAsync(cancellationToken))
        {
            // Read for each claim: an edit of a limit applies from the next claim on, without a restart.
            limits = await db.Connections.Where(c => c.OutboundRateLimit != null)
                .Select(c => new { c.Id, Count = c.OutboundRateLimit!.Value, c.OutboundRateLimitPeriod })
                .ToDictionaryAsync(c => c.Id, c => new OutboundRateLimit(c.Count, c.OutboundRateLimitPeriod), cancellationToken);
            // Read before the deliveries' start time: a connection free at that reading was free at the start they record.
            var pace = pacer.Paced(settings.DeliveriesInFlightPerConnection, limits);
            startedAt = timeProvider.GetUtcNow().UtcDateTime;
            // A claim lasts well past the attempt's own timeout; a message still Sending after it was interrupted.
            var claimExpires = startedAt.AddSeconds(settings.AttemptTimeoutSeconds * 2 + 30);
            claimed = await OutboxClaims.For(db).ClaimAsync(db,
                new OutboxClaim(DueStatuses, MessageStatus.Sending, dueBy, claimExpires)
                {
                    ExcludedConnectionIds = pace.Excluded,
                    Limit = Math.Min(most, pace.Allowance),
                },
                cancellationToken);
        }

        // Counted before the next claim, which then skips a connection at its pace.
        foreach (var due in claimed)
        {
            pacer.Claimed(due.ConnectionId, limits.GetValueOrDefault(due.ConnectionId));
        }

        return [.. claimed.Select(due => Task.Run(async () =>
        {
            try
            {
                await using var db = await dbContextFactory.CreateDbContextAsync(CancellationToken.None);
                await DeliverAsync(db, due, startedAt, settings, cancellationToken);
            }
            finally
            {
                pacer.Finished(due.ConnectionId);
            }
        }, CancellationToken.None))];
    }

    private async Task DeliverAsync(PortalDbContext db, ClaimedMessage due, DateTime startedAt, OutboundOptions settings, CancellationToken cancellationToken)
    {
        // Only the attempt itself stops for a shutdown: once claimed, the message is either attempted or released.
        notifier.Publish(new MessagesCommitted(0, [due.ConnectionId]));
        var message = await db.Messages.FirstAsync(m => m.Id == due.Id, CancellationToken.None);
        var lastOutcome = await db.MessageAttempts.Where(a => a.MessageId == message.Id)
            .OrderByDescending(a => a.Attempt).Select(a => (AttemptOutcome?)a.Outcome).FirstOrDefaultAsync(CancellationToken.None);
        if (due.PreviousStatus == MessageStatus.Sending)
        {
            db.MessageAttempts.Add(Interrupted(message.Id, message.AttemptCount - 1, startedAt));
            lastOutcome = AttemptOutcome.Interrupted;
        }

        var connection = await db.Connections.AsNoTracking().Include(c => c.Secrets)
            .FirstOrDefaultAsync(c => c.Id == message.ConnectionId, CancellationToken.None);
        var attachments = await db.MessageAttachments
            .Where(a => a.MessageId == message.Id && a.UploadState != null && a.UploadState != AttachmentUploadState.Uploaded)
            .OrderBy(a => a.Id).ToListAsync(CancellationToken.None);
        AttemptResult result;
        var started = timeProvider.GetTimestamp();
        // Continues the trace that queued the message (an events API request); the ServiceNow calls of the attempt are its children.
        using var activity = PortalTelemetry.Source.StartActivity("outbound.deliver", ActivityKind.Internal, message.TraceParent);
        activity?.SetTag("sncp.message.id", message.Id).SetTag(PortalTelemetry.ConnectionTag, message.ConnectionId).SetTag("sncp.attempt", message.AttemptCount);
        try
        {
            result = await AttemptAsync(message, connection, MayHaveCreated(lastOutcome), attachments, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: released now rather than when its claim expires; its next attempt looks the record up first.
            db.MessageAttempts.Add(Interrupted(message.Id, message.AttemptCount, startedAt));
            message.Status = MessageStatus.Retrying;
            message.NextAttemptAt = startedAt;
            await db.SaveChangesAsync(CancellationToken.None);
            notifier.Publish(new MessagesCommitted(0, [message.ConnectionId]));
            return;
        }

        var duration = timeProvider.GetElapsedTime(started);
        var durationMs = (int)duration.TotalMilliseconds;
        activity?.SetTag("sncp.outcome", result.Outcome.ToString());
        metrics.DeliveryAttempted(message.ConnectionId, result.Outcome, duration);
        if (result.Outcome == AttemptOutcome.RateLimited)
        {
            // The instance pushes back on the whole connection, not on this one message.
            pacer.HoldOff(message.ConnectionId, result.RetryAfter ?? Backoff(message.AttemptCount, settings));
        }

        db.MessageAttempts.Add(new MessageAttempt
        {
            MessageId = message.Id,
            Attempt = message.AttemptCount,
            StartedAt = startedAt,
            DurationMs = durationMs,
            HttpStatus = result.HttpStatus,
            Outcome = result.Outcome,
            Detail = Clip(result.Detail),
            RateLimitPerHour = result.RateLimit?.LimitPerHour,
            RateLimitResetAt = result.RateLimit?.Reset?.UtcDateTime,
        });
        Apply(message, result, durationMs, settings);
        await db.SaveChangesAsync(CancellationToken.None);
        if (message.Status == MessageStatus.Delivered)
        {
            metrics.Delivered(message.ConnectionId, timeProvider.GetUtcNow().UtcDateTime - message.ReceivedAt);
        }

        notifier.Publish(new MessagesCommitted(0, [message.ConnectionId]));
        LogAttempt(message.Id, message.AttemptCount, result.Outcome, message.Status);
    }

    private static MessageAttempt Interrupted(long messageId, int attempt, DateTime at) => new()
    {
        MessageId = messageId,
        Attempt = attempt,
        StartedAt = at,
        Outcome = AttemptOutcome.Interrupted,
        Detail = "The portal stopped during this attempt: the record may have been created.",
    };

    private async Task<AttemptResult> AttemptAsync(
        Message message, Connection? connection, bool lookUpFirst, IReadOnlyList<MessageAttachment> attachments, CancellationToken cancellationToken)
    {
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

        try
        {
            // A record an earlier attempt created or patched is not sent again: only its attachments are left.
            var record = message.RecordSysId is null ? await SendRecordAsync(client, message, table, payload, lookUpFirst, cancellationToken) : null;
            if (record is { SysId: null } || attachments.Count == 0)
            {
                return record ?? AttemptResult.Success(AttemptOutcome.Delivered, 200, message.RecordSysId!, message.Number ?? "",
                    $"{message.Number} and its attachments were already in ServiceNow.");
            }

            var uploads = await attachmentUpload.UploadAsync(client, table, record?.SysId ?? message.RecordSysId!, attachments, cancellationToken);
            return WithAttachments(record, message, uploads, attachments.Count) with { RateLimit = record?.RateLimit };
        }
        catch (ServiceNowException e)
        {
            return Classify(e.Error);
        }
    }

    /// <summary>Creates the record (found by correlation_id first after an uncertain attempt), or patches it for an update.</summary>
    private async Task<AttemptResult> SendRecordAsync(
        IServiceNowClient client, Message message, string table, OutboundPayload payload, bool lookUpFirst, CancellationToken cancellationToken)
    {
        if (message.EventName == OutboundActions.Update)
        {
            return await UpdateAsync(client, message, table, payload, cancellationToken);
        }

        if (lookUpFirst && !string.IsNullOrEmpty(message.CorrelationId)
            && await client.FindByCorrelationIdAsync(table, message.CorrelationId, cancellationToken) is { } found)
        {
            return AttemptResult.Success(AttemptOutcome.Found, 200, found.SysId, found["number"],
                $"Found {found["number"]} by correlation_id {message.CorrelationId}: an earlier attempt had created it.");
        }

        // Users are resolved only now: a record an earlier attempt created is found above whatever the mapping says.
        var (fields, unresolved) = await ResolveUsersAsync(message.ConnectionId, payload, cancellationToken);
        if (unresolved is not null)
        {
            return unresolved;
        }

        var created = await client.CreateAsync(table, fields, cancellationToken);
        return AttemptResult.Success(AttemptOutcome.Delivered, created.Response.StatusCode, created.Value.SysId, created.Value["number"],
            $"Created {created.Value["number"]}.") with { RateLimit = created.Response.RateLimit };
    }

    /// <summary>
    /// The attempt's result once the record exists and its attachments were tried: Delivered (or Found) when every one is
    /// uploaded; else the record's sys_id is kept and the attempt ends as the attachment's failure does (a 429 holds off
    /// the connection, 5xx or a timeout is retried, a refusal fails the message with the file named).
    /// </summary>
    private static AttemptResult WithAttachments(AttemptResult? record, Message message, AttachmentUploads uploads, int tried)
    {
        var sysId = record?.SysId ?? message.RecordSysId!;
        var number = record?.Number ?? message.Number ?? "";
        var recordSaid = record is null ? $"{number} exists." : record.Detail;
        var done = uploads.Uploaded + uploads.Found;
        var uploaded = $"{done} of {tried} attachments uploaded" + (uploads.Found > 0 ? $" ({uploads.Found} found from an earlier attempt)." : ".");
        if (uploads.Stopped is { } stopped)
        {
            var failure = Classify(stopped.Error);
            return failure with
            {
                Detail = $"{recordSaid} {uploaded} {stopped.Attachment.FileName}: {failure.Detail}",
                Error = $"{number} exists; attachment {stopped.Attachment.FileName} is retried on its own: {failure.Error}",
                SysId = sysId,
                Number = number,
            };
        }

        if (uploads.Rejected.Count > 0)
        {
            var refused = string.Join("; ", uploads.Rejected.Select(r => $"{r.Attachment.FileName}: {r.Error.Describe()}"));
            return new AttemptResult(AttemptOutcome.Rejected, uploads.Rejected[^1].Error.StatusCode, $"{recordSaid} {uploaded} Refused: {refused}",
                $"{number} exists, but ServiceNow refused {uploads.Rejected.Count} attachment(s): {refused} Retry the message to try them again.", Retry: false)
            {
                SysId = sysId,
                Number = number,
            };
        }

        return AttemptResult.Success(record?.Outcome ?? AttemptOutcome.Delivered, record?.HttpStatus ?? uploads.LastStatus ?? 200, sysId, number,
            $"{recordSaid} {uploaded}");
    }

    /// <summary>
    /// Patches the record that holds the message's correlation id: the sys_id an earlier delivery stored, else the one a
    /// correlation_id lookup finds. Without either, the create has not arrived yet: the update waits (retried with
    /// backoff, dead-lettered after the last attempt) and never creates the record itself.
    /// </summary>
    private async Task<AttemptResult> UpdateAsync(IServiceNowClient client, Message message, string table, OutboundPayload payload, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(message.CorrelationId))
        {
            return AttemptResult.Final(AttemptOutcome.Failed, "The update names no correlation id: there is no record to patch.");
        }

        var sysId = await StoredSysIdAsync(message, table, cancellationToken)
            ?? (await client.FindByCorrelationIdAsync(table, message.CorrelationId, cancellationToken))?.SysId;
        if (sysId is null)
        {
            var waiting = $"No {table} record has correlation_id {message.CorrelationId} yet: the update waits for its create.";
            return new AttemptResult(AttemptOutcome.AwaitingRecord, null, waiting, waiting, Retry: true);
        }

        var (fields, unresolved) = await ResolveUsersAsync(message.ConnectionId, payload, cancellationToken);
        if (unresolved is not null)
        {
            return unresolved;
        }

        var updated = await client.UpdateAsync(table, sysId, fields, cancellationToken);
        return AttemptResult.Success(AttemptOutcome.Delivered, updated.Response.StatusCode, updated.Value.SysId, updated.Value["number"],
            $"Updated {updated.Value["number"]}.") with { RateLimit = updated.Response.RateLimit };
    }

    /// <summary>The sys_id a delivered message of the same connection, table and correlation id recorded, if any.</summary>
    private async Task<string?> StoredSysIdAsync(Message message, string table, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Messages.AsNoTracking()
            .Where(m => m.CorrelationId == message.CorrelationId && m.ConnectionId == message.ConnectionId && m.TableName == table
                && m.Direction == MessageDirection.Outbound && m.RecordSysId != null)
            .OrderBy(m => m.Id).Select(m => m.RecordSysId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The payload's fields with each hub user replaced by the sys_id it is mapped to, or why one cannot be.</summary>
    private async Task<(Dictionary<string, string> Fields, AttemptResult? Unresolved)> ResolveUsersAsync(
        long connectionId, OutboundPayload payload, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(payload.Fields, StringComparer.Ordinal);
        foreach (var (field, hubUser) in payload.HubUsers)
        {
            var user = await userResolver.ResolveAsync(connectionId, hubUser, cancellationToken);
            if (!user.Resolved)
            {
                return (fields, AttemptResult.Final(AttemptOutcome.Unresolved,
                    $"{field}: {user.Reason} Map the hub user on the User directory page, then retry the message."));
            }

            fields[field] = user.SysId!;
        }

        return (fields, null);
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
            // The record exists even when an attachment is still to go: the next attempt does not send it again.
            message.RecordSysId = result.SysId;
            message.Number = result.Number;
        }

        if (result.Outcome is AttemptOutcome.Delivered or AttemptOutcome.Found)
        {
            message.Status = MessageStatus.Delivered;
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

    internal static string? Clip(string? text) => text is { Length: > Message.MaxErrorLength } ? text[..(Message.MaxErrorLength - 1)] + "…" : text;

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbound message {MessageId} attempt {Attempt}: {Outcome}, now {Status}")]
    private partial void LogAttempt(long messageId, int attempt, AttemptOutcome outcome, MessageStatus status);

    /// <param name="Detail">For the attempt's row: ServiceNow's message and detail, or the record's number.</param>
    /// <param name="Error">For the message's LastError: the whole story with the remedy.</param>
    private sealed record AttemptResult(AttemptOutcome Outcome, int? HttpStatus, string Detail, string? Error, bool Retry, TimeSpan? RetryAfter = null)
    {
        public string? SysId { get; init; }

        public string? Number { get; init; }

        /// <summary>The instance's rate limit rule as its answer reported it (X-RateLimit-*), if one matched.</summary>
        public ServiceNowRateLimitInfo? RateLimit { get; init; }

        public static AttemptResult Success(AttemptOutcome outcome, int status, string sysId, string number, string detail) =>
            new(outcome, status, detail, null, Retry: false) { SysId = sysId, Number = number };

        public static AttemptResult Final(AttemptOutcome outcome, string reason) => new(outcome, null, reason, reason, Retry: false);
    }
}
