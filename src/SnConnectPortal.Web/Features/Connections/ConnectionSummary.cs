using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>One row of the connections list. Carries no credentials.</summary>
public sealed record ConnectionSummary(
    long Id,
    string Name,
    string InstanceUrl,
    string Environment,
    string AuthModeLabel,
    ConnectionStatus Status,
    DateTime? LastCheckAt,
    bool? LastCheckSucceeded);
