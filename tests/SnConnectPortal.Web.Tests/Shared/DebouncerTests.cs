using Microsoft.Extensions.Time.Testing;
using SnConnectPortal.Web.Components.Shared;

namespace SnConnectPortal.Web.Tests.Shared;

/// <summary>Search as you type: one search a moment after the last key, driven by a fake clock.</summary>
public sealed class DebouncerTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task Trigger_SeveralKeysWithinTheQuietPeriod_RunsOnceWithTheLastText()
    {
        using var debouncer = new Debouncer(_clock, Quiet);
        var searches = new List<string>();
        var text = "";

        foreach (var typed in new[] { "I", "IN", "INC", "INC001" })
        {
            text = typed;
            debouncer.Trigger(() => Record(searches, text), _ => Task.CompletedTask);
            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Empty(searches);
        _clock.Advance(Quiet);
        await UntilAsync(() => searches.Count == 1);
        Assert.Equal(["INC001"], searches);
    }

    [Fact]
    public async Task Trigger_TwoPausesLongerThanTheQuietPeriod_RunsTwice()
    {
        using var debouncer = new Debouncer(_clock, Quiet);
        var searches = new List<string>();

        debouncer.Trigger(() => Record(searches, "INC"), _ => Task.CompletedTask);
        _clock.Advance(Quiet);
        await UntilAsync(() => searches.Count == 1);
        debouncer.Trigger(() => Record(searches, "INC0010001"), _ => Task.CompletedTask);
        _clock.Advance(Quiet);
        await UntilAsync(() => searches.Count == 2);

        Assert.Equal(["INC", "INC0010001"], searches);
    }

    [Fact]
    public async Task Cancel_DropsTheWaitingCall()
    {
        using var debouncer = new Debouncer(_clock, Quiet);
        var searches = new List<string>();
        debouncer.Trigger(() => Record(searches, "dropped"), _ => Task.CompletedTask);

        debouncer.Cancel();
        _clock.Advance(Quiet * 2);
        debouncer.Trigger(() => Record(searches, "kept"), _ => Task.CompletedTask);
        _clock.Advance(Quiet);

        await UntilAsync(() => searches.Count == 1);
        Assert.Equal(["kept"], searches);
    }

    [Fact]
    public async Task Trigger_AnActionThatThrows_HandsTheErrorOn()
    {
        using var debouncer = new Debouncer(_clock, Quiet);
        Exception? reported = null;

        debouncer.Trigger(() => throw new InvalidOperationException("search failed"), e =>
        {
            reported = e;
            return Task.CompletedTask;
        });
        _clock.Advance(Quiet);

        await UntilAsync(() => reported is not null);
        Assert.Equal("search failed", reported!.Message);
    }

    private static Task Record(List<string> searches, string text)
    {
        lock (searches)
        {
            searches.Add(text);
        }

        return Task.CompletedTask;
    }

    /// <summary>The action runs on a timer callback; poll (never sleep a fixed time) until it has.</summary>
    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The debounced action did not run.");
            await Task.Yield();
        }
    }
}
