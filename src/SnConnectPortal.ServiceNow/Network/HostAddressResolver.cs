using System.Net;

namespace SnConnectPortal.ServiceNow.Network;

/// <summary>Resolves a host name to its addresses; <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/> unless replaced.</summary>
public delegate Task<IPAddress[]> HostAddressResolver(string host, CancellationToken cancellationToken);
