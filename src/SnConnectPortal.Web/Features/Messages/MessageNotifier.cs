namespace SnConnectPortal.Web.Features.Messages;

/// <summary>What one committed batch added or changed.</summary>
/// <param name="Count">Messages added (0 when only statuses changed, e.g. an outbound delivery moved on).</param>
/// <param name="ConnectionIds">The connections they belong to (distinct).</param>
public sealed record MessagesCommitted(int Count, IReadOnlyCollection<long> ConnectionIds)
{
    /// <summary>Another portal node made the change (told by the database); this node does not pass it on.</summary>
    public bool FromOtherNode { get; init; }

    /// <summary>
    /// Which connections changed is not known (a poll saw the message log change, a notification named too many, or
    /// notifications may have been missed while the listening connection was down): every connection's view re-reads.
    /// </summary>
    public bool AnyConnection { get; init; }

    /// <summary>Whether a view of <paramref name="connectionId"/>'s messages should re-read.</summary>
    public bool Concerns(long connectionId) => AnyConnection || ConnectionIds.Contains(connectionId);
}

/// <summary>
/// Tells open pages that messages were committed or changed status, by this node or (through
/// <c>AcrossNodes/</c>) by another portal node on the same database. Subscribers get a disposable subscription; the callback runs on
/// the writer's thread, so it must only record the news and return (pages coalesce and re-render on their circuit).
/// </summary>
public sealed class MessageNotifier(ILogger<MessageNotifier> logger)
{
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];

    public IDisposable Subscribe(Action<MessagesCommitted> onCommitted)
    {
        var subscription = new Subscription(this, onCommitted);
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    public void Publish(MessagesCommitted committed)
    {
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            try
            {
                subscription.Callback(committed);
            }
#pragma warning disable CA1031 // One broken page must not stop the writer or the other pages.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogSubscriberFailed(logger, e);
            }
        }
    }

    public int SubscriberCount => Volatile.Read(ref _subscriptions).Length;

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = _subscriptions.Where(s => s != subscription).ToArray();
        }
    }

    private static void LogSubscriberFailed(ILogger logger, Exception e) =>
        logger.LogWarning(e, "A message view subscriber failed");

    private sealed class Subscription(MessageNotifier owner, Action<MessagesCommitted> callback) : IDisposable
    {
        public Action<MessagesCommitted> Callback { get; } = callback;

        public void Dispose() => owner.Remove(this);
    }
}
