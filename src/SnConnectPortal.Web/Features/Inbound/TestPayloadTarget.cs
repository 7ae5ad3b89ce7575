using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Features.Inbound;

/// <summary>
/// Where the test-payload button posts: <see cref="InboundOptions.PublicBaseUrl"/> when set, else this server's own
/// listening address (loopback first, plain http before https, a wildcard binding read as 127.0.0.1). Never an address
/// the browser reports: the request carries the receiver's password.
/// </summary>
public sealed class TestPayloadTarget(IOptions<InboundOptions> options, IServer server)
{
    /// <summary>The portal's base address for the test payload, or null when it has none (no setting, no listening address).</summary>
    public Uri? BaseAddress()
    {
        if (options.Value.PublicBaseUrl is { Length: > 0 } configured)
        {
            return WithTrailingSlash(new Uri(configured));
        }

        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return listening
            .Select(Reachable)
            .OfType<Uri>()
            .OrderBy(uri => uri.IsLoopback ? 0 : 1)
            .ThenBy(uri => uri.Scheme == Uri.UriSchemeHttp ? 0 : 1)
            .FirstOrDefault();
    }

    private static Uri? Reachable(string address)
    {
        var binding = BindingAddress.Parse(address);
        if (binding.Scheme is not ("http" or "https") || binding.IsUnixPipe || binding.IsNamedPipe)
        {
            return null;
        }

        var host = binding.Host is "+" or "*" or "0.0.0.0" or "[::]" or "localhost" ? "127.0.0.1" : binding.Host;
        return Uri.TryCreate($"{binding.Scheme}://{host}:{binding.Port}{binding.PathBase}/", UriKind.Absolute, out var uri) ? uri : null;
    }

    private static Uri WithTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
