using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace SnConnectPortal.ServiceNow.Network;

/// <summary>
/// Opens every outbound connection of the portal: resolves the host itself and connects only when every address is a
/// public one (or the host is allowed by <see cref="OutboundDestinationOptions.AllowedPrivateHosts"/>), so neither a
/// DNS answer nor a redirect can steer a call to this machine or its private network. A refused destination is never
/// connected to, so an open and a closed port give the same <see cref="BlockedDestinationException"/>.
/// </summary>
public sealed class DestinationGuard(IOptionsMonitor<OutboundDestinationOptions> options, HostAddressResolver resolve)
{
    /// <summary>A socket handler whose connections all go through this guard; <paramref name="alsoAllowed"/> adds hosts for this client only.</summary>
    public SocketsHttpHandler Handler(SocketsHttpHandler handler, params string[] alsoAllowed)
    {
        ArgumentNullException.ThrowIfNull(handler);
        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = await ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, alsoAllowed, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        };
        return handler;
    }

    /// <summary>A connected TCP socket to <paramref name="host"/>, or <see cref="BlockedDestinationException"/>.</summary>
    public async Task<Socket> ConnectAsync(string host, int port, IReadOnlyCollection<string> alsoAllowed, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(host, alsoAllowed, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The addresses a connection to <paramref name="host"/> may use, or <see cref="BlockedDestinationException"/> when
    /// the host is not allowed and it, or any address it resolves to, is restricted.
    /// </summary>
    public async Task<IPAddress[]> ResolveAsync(string host, IReadOnlyCollection<string> alsoAllowed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(alsoAllowed);
        var allowed = IsListed(options.CurrentValue.AllowedPrivateHosts, host) || IsListed(alsoAllowed, host);
        if (!allowed && DestinationAddresses.IsRestrictedHost(host))
        {
            throw new BlockedDestinationException(host);
        }

        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await resolve(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        if (!allowed && addresses.Any(DestinationAddresses.IsRestricted))
        {
            throw new BlockedDestinationException(host);
        }

        return addresses;
    }

    private static bool IsListed(IEnumerable<string> hosts, string host) =>
        hosts.Any(listed => string.Equals(listed.Trim().Trim('[', ']').TrimEnd('.'), host.Trim('[', ']').TrimEnd('.'), StringComparison.OrdinalIgnoreCase));
}
