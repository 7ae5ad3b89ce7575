namespace SnConnectPortal.Sandbox.Tests.Support;

/// <summary>Waits for a condition with a deadline, instead of sleeping a fixed time.</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}; last value: {value}");
            }

            await Task.Delay(50);
        }
    }
}
