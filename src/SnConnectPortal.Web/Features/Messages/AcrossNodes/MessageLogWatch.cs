namespace SnConnectPortal.Web.Features.Messages.AcrossNodes;

/// <summary>
/// Compares successive <see cref="MessageLogStamp"/>s and says what other nodes changed: messages added beyond those
/// this node published itself since the last read, or deliveries that moved on while this node published nothing.
/// The window (the id above which messages are counted) follows the newest id read at least
/// <see cref="CommitLag"/> ago, so the count stays small and a batch whose ids were taken before a higher batch's but
/// committed after it is still counted. Reads come from one loop; <see cref="Local"/> from any thread.
/// </summary>
public sealed class MessageLogWatch(TimeProvider clock)
{
    /// <summary>Longer than a batch takes from taking its ids to its commit.</summary>
    public static readonly TimeSpan CommitLag = TimeSpan.FromSeconds(5);

    private readonly Queue<(long At, long MaxId)> _marks = new();
    private long? _window;
    private long _next;
    private long _aboveWindow;
    private MessageLogStamp? _previous;
    private int _localCount;
    private int _localNews;

    /// <summary>This node's own news (not to be told twice).</summary>
    public void Local(MessagesCommitted committed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        Interlocked.Add(ref _localCount, committed.Count);
        Interlocked.Increment(ref _localNews);
    }

    /// <summary>Nobody listens: the next read starts afresh.</summary>
    public void Reset()
    {
        _window = null;
        _previous = null;
        _marks.Clear();
    }

    /// <summary>The window and the next window to read the stamp with (the first read after a reset counts nothing).</summary>
    public (long Window, long Next) NextBounds()
    {
        if (_window is not { } window)
        {
            return (long.MaxValue, long.MaxValue);
        }

        _next = window;
        while (_marks.TryPeek(out var mark) && clock.GetElapsedTime(mark.At) >= CommitLag)
        {
            _next = Math.Max(_next, _marks.Dequeue().MaxId);
        }

        return (window, _next);
    }

    /// <summary>The news to publish for a stamp read with <see cref="NextBounds"/>, or null when other nodes changed nothing.</summary>
    public MessagesCommitted? Observe(MessageLogStamp stamp)
    {
        ArgumentNullException.ThrowIfNull(stamp);
        var localCount = Interlocked.Exchange(ref _localCount, 0);
        var localNews = Interlocked.Exchange(ref _localNews, 0) > 0;
        _marks.Enqueue((clock.GetTimestamp(), stamp.MaxId ?? 0));
        var previous = _previous;
        _previous = stamp;
        if (previous is null)
        {
            // The first read since someone listens: from here on changes are seen; pages re-read once in case one came
            // between their own read and this one.
            (_window, _aboveWindow) = (stamp.MaxId ?? 0, 0);
            return Changed(0);
        }

        var added = Math.Max(0, stamp.AboveWindow - _aboveWindow);
        var fromOthers = (int)Math.Min(int.MaxValue, Math.Max(0, added - localCount));
        (_window, _aboveWindow) = (_next, stamp.AboveNext);
        return fromOthers > 0 || (!localNews && stamp.DeliveriesDifferFrom(previous)) ? Changed(fromOthers) : null;
    }

    private static MessagesCommitted Changed(int count) => new(count, []) { FromOtherNode = true, AnyConnection = true };
}
