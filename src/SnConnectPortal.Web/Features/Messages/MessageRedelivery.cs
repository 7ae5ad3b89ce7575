using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Auditing;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Features.Messages;

/// <param name="Count">Replayable messages matching the filter, up to <see cref="MessageRedelivery.MaxReplay"/>.</param>
/// <param name="MoreThanMax">More match than one replay re-queues.</param>
/// <param name="InboundOnly">The filter selects inbound messages only, which are never replayed.</param>
/// <param name="UpToId">The newest message counted: the replay that follows takes nothing newer.</param>
public sealed record ReplayPreview(int Count, bool MoreThanMax, bool InboundOnly, long UpToId);

/// <summary>
/// Operator actions on failed deliveries: retry one (Failed or DeadLettered → Queued, its attempts kept) and replay
/// every outbound Failed or DeadLettered message that matches the message view's filters (set-based, at most
/// <see cref="MaxReplay"/> per replay, oldest first). Inbound messages are final once stored and never re-queued.
/// Both are audited and checked here, whatever the page shows, and answer the number of messages re-queued.
/// </summary>
public sealed class MessageRedelivery(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    AuditLog auditLog,
    MessageNotifier notifier,
    TimeProvider timeProvider)
{
    /// <summary>Most messages one replay re-queues (Zapier's bulk replay stops at the same number).</summary>
    public const int MaxReplay = 5000;

    public const string NotAllowed = "Only an Operator or Admin can retry or replay messages.";

    public static bool CanRedeliver(ClaimsPrincipal actor) =>
        actor is not null && (actor.IsInRole(PortalRoles.Admin) || actor.IsInRole(PortalRoles.Operator));

    public async Task<ServiceResult<int>> RetryAsync(ClaimsPrincipal actor, long messageId, CancellationToken cancellationToken)
    {
        if (!CanRedeliver(actor))
        {
            return ServiceResult<int>.Forbidden(NotAllowed);
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Messages.AsNoTracking().Where(m => m.Id == messageId)
            .Select(m => new { m.Direction, m.Status, m.ConnectionId, m.ResponseId }).FirstOrDefaultAsync(cancellationToken);
        if (message is null)
        {
            return ServiceResult<int>.NotFound($"There is no message {messageId}.");
        }

        if (message.Direction != MessageDirection.Outbound)
        {
            return ServiceResult<int>.Conflict(
                "Inbound messages cannot be retried: the message is final once stored, and ServiceNow already has its 202.");
        }

        var requeued = message.Status is MessageStatus.Failed or MessageStatus.DeadLettered
            ? await Requeue(db.Messages.Where(m => m.Id == messageId && m.Status == message.Status), cancellationToken)
            : 0;
        if (requeued == 0)
        {
            return ServiceResult<int>.Conflict(
                $"Only a Failed or Dead-lettered message can be retried; this one is {MessageRow.Label(message.Status)}.");
        }

        await auditLog.WriteAsync(NameOf(actor), "message.retried", "Message", messageId.ToString(CultureInfo.InvariantCulture),
            new { message.ResponseId, previousStatus = message.Status }, cancellationToken);
        notifier.Publish(new MessagesCommitted(0, [message.ConnectionId]));
        return ServiceResult<int>.Ok(1);
    }

    public async Task<ReplayPreview> PreviewReplayAsync(MessageFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Direction == MessageDirection.Inbound)
        {
            return new ReplayPreview(0, false, InboundOnly: true, 0);
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var ids = await Replayable(db, filter, long.MaxValue).OrderBy(m => m.Id).Select(m => m.Id).Take(MaxReplay + 1).ToListAsync(cancellationToken);
        var counted = ids.Take(MaxReplay).ToList();
        return new ReplayPreview(counted.Count, ids.Count > MaxReplay, InboundOnly: false, counted.Count == 0 ? 0 : counted[^1]);
    }

    /// <param name="actor">Who replays (Operator or Admin).</param>
    /// <param name="filter">The message view's filters.</param>
    /// <param name="upToId">From a preview, so that messages failing after the count are not re-queued unseen.</param>
    /// <param name="cancellationToken">Cancels the replay.</param>
    public async Task<ServiceResult<int>> ReplayAsync(ClaimsPrincipal actor, MessageFilter filter, long upToId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (!CanRedeliver(actor))
        {
            return ServiceResult<int>.Forbidden(NotAllowed);
        }

        if (filter.Direction == MessageDirection.Inbound)
        {
            return ServiceResult<int>.Conflict("Inbound messages are never replayed: choose Outbound or both directions.");
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var batch = Replayable(db, filter, upToId).OrderBy(m => m.Id).Select(m => m.Id).Take(MaxReplay);
        var connectionIds = await db.Messages.Where(m => batch.Contains(m.Id)).Select(m => m.ConnectionId).Distinct().ToListAsync(cancellationToken);
        var count = await Requeue(db.Messages.Where(m => batch.Contains(m.Id)), cancellationToken);

        await auditLog.WriteAsync(NameOf(actor), "messages.replayed", "Message", null, new { count, filter }, cancellationToken);
        if (count > 0)
        {
            notifier.Publish(new MessagesCommitted(0, connectionIds));
        }

        return ServiceResult<int>.Ok(count);
    }

    private static IQueryable<Message> Replayable(PortalDbContext db, MessageFilter filter, long upToId) =>
        MessageQuery.Apply(db.Messages, filter).Where(m => m.Direction == MessageDirection.Outbound
            && (m.Status == MessageStatus.Failed || m.Status == MessageStatus.DeadLettered) && m.Id <= upToId);

    private Task<int> Requeue(IQueryable<Message> messages, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return messages.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Queued).SetProperty(m => m.NextAttemptAt, now), cancellationToken);
    }

    private static string NameOf(ClaimsPrincipal actor) => actor.Identity?.Name ?? "unknown";
}
