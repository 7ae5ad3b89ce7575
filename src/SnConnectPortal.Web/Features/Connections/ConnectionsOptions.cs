namespace SnConnectPortal.Web.Features.Connections;

/// <summary>
/// Which instance addresses are allowed beyond the safe default (https, public address). Section <c>Connections</c>.
/// </summary>
public sealed class ConnectionsOptions
{
    public const string SectionName = "Connections";

    /// <summary>Hosts that may be reached over plain http (e.g. <c>127.0.0.1</c> for the sandbox in development).</summary>
    public List<string> AllowedInsecureHosts { get; } = [];

    /// <summary>Hosts that may be loopback, private or link-local addresses (e.g. <c>localhost</c>).</summary>
    public List<string> AllowedPrivateHosts { get; } = [];
}
