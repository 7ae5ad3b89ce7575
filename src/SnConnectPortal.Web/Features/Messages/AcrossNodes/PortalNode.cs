namespace SnConnectPortal.Web.Features.Messages.AcrossNodes;

/// <summary>This portal process among the nodes sharing one database: a new id at each start, so that a node knows its own notifications.</summary>
public sealed class PortalNode
{
    public string Id { get; } = Guid.NewGuid().ToString("N");
}
