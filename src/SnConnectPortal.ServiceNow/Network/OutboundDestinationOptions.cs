namespace SnConnectPortal.ServiceNow.Network;

/// <summary>
/// Hosts that outbound calls may reach even though they are, or resolve to, restricted addresses (the sandbox on
/// 127.0.0.1, an instance behind a private address). Bound by the portal from <c>Connections:AllowedPrivateHosts</c>.
/// </summary>
public sealed class OutboundDestinationOptions
{
    public List<string> AllowedPrivateHosts { get; } = [];
}
