using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.ServiceNow.Network;
using SnConnectPortal.ServiceNow.Queries;

namespace SnConnectPortal.ServiceNow.Tests.Network;

/// <summary>
/// The ServiceNow client's real socket handler against a real loopback listener that stands for an internal service:
/// whether a name resolves there or an address is written in some other form, nothing connects.
/// </summary>
public sealed class DestinationGuardTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly TcpListener _internalService = new(IPAddress.Loopback, 0);
    private readonly ServiceProvider _services;

    public DestinationGuardTests()
    {
        _internalService.Start();
        var services = new ServiceCollection();
        services.AddServiceNowClient();
        // DNS as an attacker's name server would answer: evil.example and localtest.me point at this machine.
        services.AddSingleton<HostAddressResolver>((host, cancellationToken) => host switch
        {
            "evil.example" or "localtest.me" => Task.FromResult(new[] { IPAddress.Loopback }),
            "mixed.example" => Task.FromResult(new[] { IPAddress.Parse("8.8.8.8"), IPAddress.Loopback }),
            "sandbox.test" => Task.FromResult(new[] { IPAddress.Loopback }),
            _ => Dns.GetHostAddressesAsync(host, cancellationToken),
        });
        services.Configure<OutboundDestinationOptions>(options => options.AllowedPrivateHosts.Add("sandbox.test"));
        _services = services.BuildServiceProvider();
    }

    private int InternalPort => ((IPEndPoint)_internalService.LocalEndpoint).Port;

    private CancellationToken Ct => _timeout.Token;

    [Theory]
    [InlineData("evil.example")]
    [InlineData("localtest.me")]
    [InlineData("mixed.example")]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("[::127.0.0.1]")]
    [InlineData("[64:ff9b::7f00:1]")]
    public async Task Query_ToAHostThatIsOrResolvesToLoopback_IsRefusedWithoutConnecting(string host)
    {
        var client = Client(new Uri($"http://{host}:{InternalPort}/"));

        var failure = await Assert.ThrowsAsync<ServiceNowException>(() => client.QueryPageAsync("sys_user", TableQuery.All, 0, Ct));

        Assert.Equal(ServiceNowErrorKind.BlockedDestination, failure.Kind);
        Assert.Contains("Connections:AllowedPrivateHosts", failure.Error.Remedy, StringComparison.Ordinal);
        Assert.False(_internalService.Pending(), "the internal service was connected to");
    }

    [Theory]
    [InlineData("https://224.0.0.1/")]
    [InlineData("https://198.18.0.1/")]
    [InlineData("https://100.64.0.1/")]
    [InlineData("https://169.254.169.254/")]
    [InlineData("https://metadata.google.internal/")]
    [InlineData("https://[ff02::1]/")]
    public async Task Query_ToMulticastBenchmarkingSharedOrMetadataAddresses_IsRefused(string url)
    {
        var client = Client(new Uri(url));

        var failure = await Assert.ThrowsAsync<ServiceNowException>(() => client.QueryPageAsync("sys_user", TableQuery.All, 0, Ct));

        Assert.Equal(ServiceNowErrorKind.BlockedDestination, failure.Kind);
    }

    [Fact]
    public async Task OpenAndClosedLoopbackPorts_GiveTheSameAnswer()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var closedPort = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var open = await Assert.ThrowsAsync<ServiceNowException>(() =>
            Client(new Uri($"http://evil.example:{InternalPort}/")).QueryPageAsync("sys_user", TableQuery.All, 0, Ct));
        var shut = await Assert.ThrowsAsync<ServiceNowException>(() =>
            Client(new Uri($"http://evil.example:{closedPort}/")).QueryPageAsync("sys_user", TableQuery.All, 0, Ct));

        Assert.Equal(open.Kind, shut.Kind);
        Assert.Equal(open.Error.Remedy, shut.Error.Remedy);
        Assert.Equal(WithoutPort(open.Error.Message, InternalPort), WithoutPort(shut.Error.Message, closedPort));
    }

    [Fact]
    public async Task AllowlistedHost_ThatResolvesToLoopback_IsConnectedTo()
    {
        var client = Client(new Uri($"http://sandbox.test:{InternalPort}/"));
        var query = client.QueryPageAsync("sys_user", TableQuery.All, 0, Ct);

        using var accepted = await _internalService.AcceptTcpClientAsync(Ct);

        Assert.True(accepted.Connected);
        accepted.Close();
        await Assert.ThrowsAsync<ServiceNowException>(() => query);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _internalService.Stop();
        _timeout.Dispose();
        await _services.DisposeAsync();
    }

    private static string WithoutPort(string? text, int port) =>
        (text ?? "").Replace(port.ToString(System.Globalization.CultureInfo.InvariantCulture), "PORT", StringComparison.Ordinal);

    private IServiceNowClient Client(Uri instanceUrl) => _services.GetRequiredService<IServiceNowClientFactory>().Create(new ServiceNowConnectionSettings
    {
        InstanceUrl = instanceUrl,
        AuthMode = ServiceNowAuthMode.Basic,
        UserName = "snc.integration",
        Password = "pw",
        PerCallTimeout = TimeSpan.FromSeconds(5),
        OverallDeadline = TimeSpan.FromSeconds(10),
        Retry = new ServiceNowRetryLimits { MaxRetryAttempts = 0 },
    });
}
