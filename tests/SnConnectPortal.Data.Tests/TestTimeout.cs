namespace SnConnectPortal.Data.Tests;

internal static class TestTimeout
{
    /// <summary>Generous bound for one test's database work; a hang fails the test instead of the run.</summary>
    public static CancellationTokenSource Start() => new(TimeSpan.FromSeconds(60));
}
