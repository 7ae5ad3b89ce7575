using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>An alert that is open now.</summary>
public sealed record OpenAlert(long Id, long ConnectionId, AlertKind Kind);

/// <summary>A condition that became true for a connection and has no open alert yet.</summary>
public sealed record AlertOpening(long ConnectionId, AlertKind Kind, string Detail);

/// <summary>An open alert whose condition no longer holds.</summary>
public sealed record AlertResolution(long AlertId, string Detail);

/// <summary>What one evaluation changes: alerts to open and alerts to resolve. Conditions that stay as they were change nothing.</summary>
public sealed record AlertEvaluation(IReadOnlyList<AlertOpening> Open, IReadOnlyList<AlertResolution> Resolve);
