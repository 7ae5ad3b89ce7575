using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Inbound;

/// <summary>The portal in-process but on a real loopback port (Kestrel), so that other processes can post to it.</summary>
public sealed class KestrelPortal : IDisposable
{
    private readonly PortalFactory _factory;

    public KestrelPortal(IReadOnlyDictionary<string, string?>? settings = null)
    {
        _factory = new PortalFactory(settings);
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = new Uri(addresses.First().Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
    }

    public Uri BaseUrl { get; }

    public IServiceProvider Services => _factory.Services;

    public void Dispose() => _factory.Dispose();
}
