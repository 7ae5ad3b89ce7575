using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using SnConnectPortal.Web.Features.Inbound;

namespace SnConnectPortal.Web.Tests.Inbound;

/// <summary>Which of the server's own addresses the test payload goes to (pure choice; the HTTP path is in TestPayloadTargetBrowserTests).</summary>
public sealed class TestPayloadTargetTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://10.0.0.5:80 https://127.0.0.1:5001 http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("https://0.0.0.0:8443 http://[::]:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://+:80", "http://127.0.0.1/")]
    [InlineData("http://localhost:5000", "http://127.0.0.1:5000/")]
    [InlineData("https://[::1]:7001", "https://[::1]:7001/")]
    [InlineData("http://10.0.0.5:80", "http://10.0.0.5/")]
    public void WithoutPublicBaseUrl_IsTheServersOwnAddress_LoopbackAndHttpFirst(string listening, string expected)
    {
        var target = new TestPayloadTarget(Options.Create(new InboundOptions()), new ListeningOn(listening.Split(' ')));

        Assert.Equal(new Uri(expected), target.BaseAddress());
    }

    [Fact]
    public void PublicBaseUrl_WinsOverTheListeningAddress()
    {
        var target = new TestPayloadTarget(Options.Create(new InboundOptions { PublicBaseUrl = "https://portal.example.com/sn" }),
            new ListeningOn(["http://127.0.0.1:5000"]));

        Assert.Equal(new Uri("https://portal.example.com/sn/"), target.BaseAddress());
    }

    [Fact]
    public void NoAddressAtAll_IsNull()
    {
        var target = new TestPayloadTarget(Options.Create(new InboundOptions()), new ListeningOn([]));

        Assert.Null(target.BaseAddress());
    }

    private sealed class ListeningOn : IServer
    {
        public ListeningOn(IEnumerable<string> addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses)
            {
                feature.Addresses.Add(address);
            }

            Features.Set<IServerAddressesFeature>(feature);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
