namespace SnConnectPortal.Web.Components.Shared;

/// <summary>
/// Runs an action once input has been quiet for a while: each <see cref="Trigger"/> drops the call still waiting and
/// starts the wait again, so typing "INC001" searches once, a moment after the last key. Time comes from the
/// <see cref="TimeProvider"/>, so tests drive it without waiting.
/// </summary>
public sealed class Debouncer(TimeProvider timeProvider, TimeSpan quietPeriod) : IDisposable
{
    /// <summary>How long a search box waits after the last key.</summary>
    public static readonly TimeSpan SearchQuietPeriod = TimeSpan.FromMilliseconds(300);

    private readonly Lock _lock = new();
    private CancellationTokenSource? _pending;

    /// <summary>Runs <paramref name="action"/> after the quiet period unless triggered again first; its exception goes to <paramref name="onError"/>.</summary>
    public void Trigger(Func<Task> action, Func<Exception, Task> onError)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(onError);
        var next = new CancellationTokenSource();
        var token = next.Token;
        Replace(next);
        _ = RunAsync(action, onError, token);
    }

    /// <summary>Drops the call still waiting, if any (the search ran another way, e.g. on Enter).</summary>
    public void Cancel() => Replace(null);

    public void Dispose() => Cancel();

    private void Replace(CancellationTokenSource? next)
    {
        CancellationTokenSource? previous;
        lock (_lock)
        {
            previous = _pending;
            _pending = next;
        }

        previous?.Cancel();
        previous?.Dispose();
    }

    private async Task RunAsync(Func<Task> action, Func<Exception, Task> onError, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(quietPeriod, timeProvider, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            await action();
        }
        catch (Exception e)
        {
            await onError(e);
        }
    }
}
