namespace SnConnectPortal.Web.Connections;

/// <summary>What the plain connectivity and sign-in check saw, in words for an administrator.</summary>
public sealed record ConnectivityCheckResult(bool Succeeded, string Summary, DateTime CheckedAt);
