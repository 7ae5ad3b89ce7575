namespace SnConnectPortal.ServiceNow.Tests.Support;

/// <summary>Repeats an action until a condition holds or a deadline passes; never a fixed sleep.</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        using var timeout = new CancellationTokenSource(deadline);
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Gave up after {deadline.TotalSeconds:0} s waiting for: {what}");
            }

            await Task.Delay(Interval, CancellationToken.None);
        }
    }
}
