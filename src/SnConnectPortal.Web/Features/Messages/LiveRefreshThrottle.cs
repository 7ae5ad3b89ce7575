namespace SnConnectPortal.Web.Features.Messages;

/// <summary>
/// The message view's live refresh: news of committed messages arrives on the writer's thread, as often as batches
/// commit; this class counts it and runs the page's refresh at most once per <c>minInterval</c>, however much arrives.
/// After a refresh that re-rendered the grid (<see cref="HoldUntilRendered"/>) it waits for <see cref="Rendered"/> (on Blazor Server, OnAfterRender runs
/// once the browser acknowledged the render batch): without that, a browser slower than the refresh rate builds up a
/// queue of stale render batches and the newest rows show seconds late.
/// </summary>
public sealed class LiveRefreshThrottle : IDisposable
{
    private readonly TimeProvider _clock;
    private readonly TimeSpan _minInterval;
    private readonly Func<Task> _refresh;
    private readonly Func<Exception, Task> _onError;
    private readonly CancellationTokenSource _disposed = new();
    private int _newSinceRefresh;
    private int _scheduled;
    private int _awaitingRender;
    private long _lastRefresh;

    /// <param name="clock">Time, so that tests drive the interval without waiting.</param>
    /// <param name="minInterval">The least time between two refreshes.</param>
    /// <param name="refresh">Runs the refresh (reloads the grid while live, or only shows the count of new messages).</param>
    /// <param name="onError">Receives an exception the refresh threw.</param>
    public LiveRefreshThrottle(TimeProvider clock, TimeSpan minInterval, Func<Task> refresh, Func<Exception, Task> onError)
    {
        _clock = clock;
        _minInterval = minInterval;
        _refresh = refresh;
        _onError = onError;
        _lastRefresh = clock.GetTimestamp();
    }

    /// <summary>The most often the message view refreshes: four times a second.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Messages committed since the grid last loaded (shown as "N new" while paused).</summary>
    public int NewSinceRefresh => Volatile.Read(ref _newSinceRefresh);

    /// <summary>Records news of <paramref name="count"/> messages (0: only statuses changed) and schedules a refresh. Any thread.</summary>
    public void Notify(int count)
    {
        Interlocked.Add(ref _newSinceRefresh, count);
        Schedule();
    }

    /// <summary>
    /// The grid is about to read its messages (for a refresh, a filter, paging): what was new so far is in what it reads,
    /// and the interval starts again. News from here on, even while the read runs, counts as new.
    /// </summary>
    public void Reading()
    {
        Volatile.Write(ref _newSinceRefresh, 0);
        Volatile.Write(ref _lastRefresh, _clock.GetTimestamp());
    }

    /// <summary>
    /// Called by a refresh that is about to re-render the grid (on the circuit, before it renders, so that the
    /// <see cref="Rendered"/> that follows cannot be missed): the next refresh waits for that render to be applied.
    /// </summary>
    public void HoldUntilRendered() => Volatile.Write(ref _awaitingRender, 1);

    /// <summary>The browser has applied a render: a refresh held back for it may run now.</summary>
    public void Rendered()
    {
        if (Interlocked.Exchange(ref _awaitingRender, 0) == 1 && NewSinceRefresh > 0)
        {
            Schedule();
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private void Schedule()
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            _ = RunAsync(_disposed.Token);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var wait = _minInterval - _clock.GetElapsedTime(Volatile.Read(ref _lastRefresh));
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _clock, cancellationToken);
            }

            Volatile.Write(ref _scheduled, 0);
            if (Volatile.Read(ref _awaitingRender) == 1)
            {
                return; // Rendered() schedules the next one
            }

            await _refresh();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            await _onError(e);
        }
    }
}
