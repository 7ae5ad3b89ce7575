using Microsoft.Extensions.Time.Testing;
using SnConnectPortal.Web.Features.Messages;

namespace SnConnectPortal.Web.Tests.Messages;

/// <summary>The message view's live refresh, on a fake clock: at most one refresh per interval, none before the last was applied.</summary>
public sealed class LiveRefreshThrottleTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly FakeTimeProvider _clock = new();
    private readonly LiveRefreshThrottle _throttle;
    private int _refreshes;

    public LiveRefreshThrottleTests() =>
        _throttle = new LiveRefreshThrottle(_clock, Interval, () => { Interlocked.Increment(ref _refreshes); return Task.CompletedTask; }, e => throw e);

    private int Refreshes => Volatile.Read(ref _refreshes);

    [Fact]
    public async Task ManyBatchesWithinTheInterval_RefreshOnce_WhenItEnds()
    {
        for (var i = 0; i < 100; i++)
        {
            _throttle.Notify(10);
        }

        _clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, Refreshes);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        await EventuallyAsync(() => Refreshes == 1);
        Assert.Equal(1000, _throttle.NewSinceRefresh);
    }

    [Fact]
    public void NewsLongAfterTheLastLoad_RefreshesAtOnce()
    {
        _clock.Advance(TimeSpan.FromSeconds(5));

        _throttle.Notify(1);

        Assert.Equal(1, Refreshes);
    }

    [Fact]
    public void ARefreshThatReRendered_HoldsTheNextUntilTheBrowserAppliedIt()
    {
        LiveRefreshThrottle? throttle = null;
        throttle = new LiveRefreshThrottle(_clock, Interval, () =>
        {
            Interlocked.Increment(ref _refreshes);
            throttle!.HoldUntilRendered();
            return Task.CompletedTask;
        }, e => throw e);
        using (throttle)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            throttle.Notify(1);
            throttle.Notify(1);
            _clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(1, Refreshes);
        }
    }

    [Fact]
    public void HeldRefresh_RunsOnceRendered_WhenNewsArrivedMeanwhile()
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        _throttle.HoldUntilRendered();
        _throttle.Notify(3);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, Refreshes);

        _throttle.Rendered();

        Assert.Equal(1, Refreshes);
    }

    [Fact]
    public async Task Reading_ClearsTheCount_AndStartsTheIntervalAgain()
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        _throttle.Reading();

        _throttle.Notify(2);

        Assert.Equal(0, Refreshes);
        Assert.Equal(2, _throttle.NewSinceRefresh);
        _clock.Advance(Interval);
        await EventuallyAsync(() => Refreshes == 1);
    }

    public void Dispose() => _throttle.Dispose();

    // A delay on the fake clock completes on Advance; what follows it may run a moment later on the thread pool.
    private static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
