using System.Net;
using System.Net.Sockets;
using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.ServiceNow.Queries;
using SnConnectPortal.ServiceNow.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.ServiceNow.Tests.Integration;

public class TransportFailureTests(SandboxFixture fixture) : SandboxTestBase(fixture)
{
    [Fact]
    public async Task QueryPage_HttpsToPlainHttpServer_FailsAsTls()
    {
        var client = Host.Client(Host.Settings(ServiceNowAuthMode.Basic) with
        {
            InstanceUrl = new UriBuilder(Sandbox.BaseUrl) { Scheme = Uri.UriSchemeHttps }.Uri,
        });

        var failure = await Assert.ThrowsAsync<ServiceNowException>(() => client.QueryPageAsync("sys_user", TableQuery.All, 0, Ct));

        Assert.Equal(ServiceNowErrorKind.Tls, failure.Kind);
        Assert.Contains("certificate", failure.Error.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryPage_NothingListening_FailsAsConnectionAfterRetries()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var client = Host.Client(Host.Settings(ServiceNowAuthMode.Basic) with
        {
            InstanceUrl = new Uri($"http://127.0.0.1:{port}/"),
            Retry = new ServiceNowRetryLimits { MaxRetryAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(10) },
        });

        var failure = await Assert.ThrowsAsync<ServiceNowException>(() => client.QueryPageAsync("sys_user", TableQuery.All, 0, Ct));

        Assert.Equal(ServiceNowErrorKind.Connection, failure.Kind);
        Assert.Equal(2, Host.Logs.Count("connection could not be established"));
    }
}
