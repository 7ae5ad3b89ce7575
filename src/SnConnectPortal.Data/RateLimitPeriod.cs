namespace SnConnectPortal.Data;

/// <summary>The window a connection's outbound rate limit counts deliveries in. Stored by name.</summary>
public enum RateLimitPeriod
{
    Second,
    Minute,
    Hour,
}
