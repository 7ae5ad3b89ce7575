using System.Diagnostics;
using System.Net;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Sandbox.Tests.Control;

public sealed class LauncherTests
{
    [Fact]
    public async Task StartAsync_ServesHealthOnLoopback_AndDisposeStopsTheProcess()
    {
        var sandbox = await SandboxProcess.StartAsync(new Dictionary<string, string> { ["ExtraUsers"] = "5" });
        var baseUrl = sandbox.BaseUrl;

        using (var response = await sandbox.Control.GetAsync(new Uri("sandbox/health", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal("127.0.0.1", baseUrl.Host);
        Assert.Contains("9 users", sandbox.Output, StringComparison.Ordinal);
        await sandbox.DisposeAsync();

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => probe.GetAsync(new Uri(baseUrl, "sandbox/health")));
    }

    [Fact]
    public async Task StartAsync_WithInvalidOption_FailsWithTheProcessOutput()
    {
        var stopwatch = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<SandboxStartException>(() =>
            SandboxProcess.StartAsync(new Dictionary<string, string> { ["ExtraUsers"] = "-1" }));

        Assert.Contains("Sandbox:ExtraUsers must be between 0", failure.ToString(), StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30));
    }
}
