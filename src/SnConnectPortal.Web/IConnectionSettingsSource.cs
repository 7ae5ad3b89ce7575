using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;

namespace SnConnectPortal.Web;

/// <summary>
/// The client settings of a saved connection, with its decrypted secrets, for background work (user import, outbound
/// delivery). Implemented by the connections feature, which owns the secrets; the others only ask for settings.
/// </summary>
public interface IConnectionSettingsSource
{
    /// <summary>The settings, or null when the connection does not exist (or is deleted).</summary>
    /// <exception cref="InvalidOperationException">The settings cannot be provided; the message says why.</exception>
    Task<ServiceNowConnectionSettings?> GetSettingsAsync(long connectionId, CancellationToken cancellationToken);

    /// <summary>The settings of a connection already loaded with its <see cref="Connection.Secrets"/>.</summary>
    ServiceNowConnectionSettings SettingsOf(Connection connection);
}
