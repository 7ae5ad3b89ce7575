namespace SnConnectPortal.ServiceNow;

/// <summary>Creates the client of one connection. Clients are cheap; the token cache and rate limiter are per connection.</summary>
public interface IServiceNowClientFactory
{
    /// <exception cref="ArgumentException">The settings are unusable; the message lists why.</exception>
    IServiceNowClient Create(ServiceNowConnectionSettings settings);
}
