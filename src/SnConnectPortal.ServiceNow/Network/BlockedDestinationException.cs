namespace SnConnectPortal.ServiceNow.Network;

/// <summary>
/// An outbound connection was refused before it was opened, because its host is or resolves to a restricted address.
/// One message for every such host and port, so that the answer says nothing about what listens there.
/// </summary>
public sealed class BlockedDestinationException(string host)
    : IOException($"{host} is, or resolves to, a loopback, private, link-local, multicast or reserved address, which outbound calls may not reach. " +
        "An administrator can allow the host with the setting Connections:AllowedPrivateHosts.")
{
    public string Host { get; } = host;
}
