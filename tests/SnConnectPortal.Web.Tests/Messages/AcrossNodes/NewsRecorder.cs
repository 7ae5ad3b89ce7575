using System.Collections.Concurrent;
using System.Diagnostics;
using SnConnectPortal.Web.Features.Messages;

namespace SnConnectPortal.Web.Tests.Messages.AcrossNodes;

/// <summary>A subscriber of a node's <see cref="MessageNotifier"/> as a page is: records each news with when it came.</summary>
internal sealed class NewsRecorder : IDisposable
{
    private readonly ConcurrentQueue<(MessagesCommitted News, long At)> _news = new();
    private readonly IDisposable _subscription;

    public NewsRecorder(MessageNotifier notifier) =>
        _subscription = notifier.Subscribe(committed => _news.Enqueue((committed, Stopwatch.GetTimestamp())));

    public IReadOnlyList<MessagesCommitted> News => [.. _news.Select(n => n.News)];

    public int FromOtherNodes => _news.Where(n => n.News.FromOtherNode).Sum(n => n.News.Count);

    /// <summary>Waits until the condition holds and returns when it first did; fails after <paramref name="timeout"/>.</summary>
    public async Task<long> WaitUntilAsync(Func<NewsRecorder, bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition(this))
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, $"Not told in {timeout.TotalSeconds} s; news so far: {string.Join("; ", News)}");
            await Task.Delay(10);
        }

        return _news.Last().At;
    }

    public void Dispose() => _subscription.Dispose();
}
