using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Sandbox.Tests.Http;

/// <summary><c>Sandbox:SelfSignedHttpsUrl</c>: the same instance on https, with a certificate nobody trusts.</summary>
public sealed class SelfSignedHttpsTests
{
    [Fact]
    public async Task SelfSignedHttpsUrl_ServesTheInstance_WithAnUntrustedCertificate()
    {
        var httpsUrl = new Uri($"https://127.0.0.1:{FreePort()}/");
        await using var sandbox = await SandboxProcess.StartAsync(new Dictionary<string, string> { ["SelfSignedHttpsUrl"] = httpsUrl.AbsoluteUri.TrimEnd('/') });
        var seenErrors = SslPolicyErrors.None;
        string? subject = null;
        using var trusting = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    seenErrors = errors;
                    subject = certificate?.Subject;
                    return true;
                },
            },
        }) { BaseAddress = httpsUrl, Timeout = TimeSpan.FromSeconds(30) };
        using var strict = new HttpClient { BaseAddress = httpsUrl, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/now/table/incident?sysparm_limit=1");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var answer = await trusting.SendAsync(request);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => strict.GetAsync(new Uri("api/now/table/incident", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Contains("User Not Authenticated", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(seenErrors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors), $"errors were {seenErrors}");
        Assert.Contains("self-signed", subject, StringComparison.Ordinal);
        Assert.Equal(HttpRequestError.SecureConnectionError, refused.HttpRequestError);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
