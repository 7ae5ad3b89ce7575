using System.Diagnostics;

namespace SnConnectPortal.Web.Operations.Telemetry;

/// <summary>The name of the portal's meter and activity source, and the source its own spans start from.</summary>
public static class PortalTelemetry
{
    public const string Name = "SnConnectPortal";

    /// <summary>Spans of the portal's own work (the inbound writer's batches, outbound deliveries); null when nobody listens.</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>Tag naming the portal connection a measurement or span is about.</summary>
    public const string ConnectionTag = "sncp.connection.id";
}
