using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.SystemsCheck;
using SnConnectPortal.Web.Tests.Inbound;
using SnConnectPortal.Web.Tests.Infrastructure;
using SnConnectPortal.Web.Tests.Outbound;

namespace SnConnectPortal.Web.Tests.SystemsCheck;

/// <summary>The instance certificate's end read over a real TLS handshake with an https server on loopback, by every Systems Check.</summary>
public sealed class InstanceCertificateProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ExpiresAt_ReadsTheServersCertificate_EvenAnUntrustedOne()
    {
        var notAfter = DateTimeOffset.UtcNow.AddDays(12);
        await using var instance = await HttpsServer.StartAsync(notAfter);
        await using var portal = new PortalFactory(new Dictionary<string, string?> { ["Connections:AllowedPrivateHosts:0"] = "127.0.0.1" });

        var expiresAt = await portal.Services.GetRequiredService<InstanceCertificateProbe>().ExpiresAtAsync(instance.BaseUrl, Timeout, CancellationToken.None);

        Assert.NotNull(expiresAt);
        Assert.Equal(DateTimeKind.Utc, expiresAt.Value.Kind);
        Assert.Equal(notAfter.UtcDateTime, expiresAt.Value, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task SystemsCheckFromThePanel_RecordsTheInstanceCertificatesEnd_ForTheExpiryAlert()
    {
        var notAfter = DateTimeOffset.UtcNow.AddDays(9);
        await using var instance = await HttpsServer.StartAsync(notAfter);
        await using var portal = new PortalFactory(new Dictionary<string, string?> { ["Connections:AllowedPrivateHosts:0"] = "127.0.0.1" });
        var connectionId = await OutboundTestHost.CreateConnectionAsync(portal.Services, instance.BaseUrl);

        // Not a ServiceNow instance (and not a trusted certificate): the check fails, and still reads the date.
        var run = await portal.Services.GetRequiredService<SystemsCheckService>()
            .RunAsync(InboundTestData.Admin, connectionId, createTestIncident: false, SystemsCheckTriggers.Portal, onStep: null, CancellationToken.None);

        Assert.True(run.Succeeded, run.ErrorText);
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var connection = await db.Connections.SingleAsync(c => c.Id == connectionId);
        Assert.Equal(notAfter.UtcDateTime, connection.CertificateExpiresAt!.Value, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task ExpiresAt_IsNotRead_FromAnAddressTheDestinationGuardRefuses()
    {
        await using var instance = await HttpsServer.StartAsync(DateTimeOffset.UtcNow.AddDays(12));
        await using var portal = new PortalFactory();

        Assert.Null(await portal.Services.GetRequiredService<InstanceCertificateProbe>().ExpiresAtAsync(instance.BaseUrl, Timeout, CancellationToken.None));
    }

    /// <summary>Kestrel on loopback over https, with a self-signed certificate that ends when the test says.</summary>
    private sealed class HttpsServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly X509Certificate2 _certificate;

        private HttpsServer(WebApplication app, X509Certificate2 certificate, Uri baseUrl)
        {
            _app = app;
            _certificate = certificate;
            BaseUrl = baseUrl;
        }

        public Uri BaseUrl { get; }

        public static async Task<HttpsServer> StartAsync(DateTimeOffset notAfter)
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), notAfter);
            var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrelHttpsConfiguration().UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapGet("/", () => "instance");
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new HttpsServer(app, certificate, new Uri(address.TrimEnd('/') + "/"));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _certificate.Dispose();
        }
    }
}
