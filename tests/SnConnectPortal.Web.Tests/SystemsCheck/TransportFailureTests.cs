using SnConnectPortal.Web.Features.SystemsCheck;

namespace SnConnectPortal.Web.Tests.SystemsCheck;

public sealed class TransportFailureTests
{
    [Fact]
    public void RefusedConnection_ToAnHttpAddress_SpeaksOfHttp()
    {
        var remedy = TransportFailure.ConnectionRefused(new Uri("http://127.0.0.1:5180/"));

        Assert.Contains("outbound HTTP (http://, port 5180)", remedy, StringComparison.Ordinal);
        Assert.DoesNotContain("HTTPS", remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusedConnection_ToAnHttpsAddress_SpeaksOfHttps() =>
        Assert.Contains("outbound HTTPS (https://, port 443)", TransportFailure.ConnectionRefused(new Uri("https://acme.service-now.com/")), StringComparison.Ordinal);
}
