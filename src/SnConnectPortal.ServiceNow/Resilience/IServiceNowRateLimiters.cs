using System.Threading.RateLimiting;

namespace SnConnectPortal.ServiceNow.Resilience;

/// <summary>
/// The client-side request rate of each connection, shared by every client of that connection. The outbound worker
/// sets one to stay under the instance's hourly REST API rate limit rules.
/// </summary>
public interface IServiceNowRateLimiters
{
    /// <summary>Every HTTP attempt on <paramref name="settings"/>' connection takes one permit from <paramref name="limiter"/>;
    /// the registry owns the limiter from now on and disposes the one it replaces.</summary>
    void Set(ServiceNowConnectionSettings settings, RateLimiter limiter);

    /// <summary>Removes the connection's limiter: requests go out as fast as callers make them.</summary>
    void Clear(ServiceNowConnectionSettings settings);

    RateLimiter? Get(string connectionIdentity);
}
