using SnConnectPortal.ServiceNow;

namespace SnConnectPortal.Web.Features.UserDirectory;

/// <summary>
/// The client settings of a saved connection, with its decrypted secrets, for background work such as user import.
/// Owned by the connections feature: user import only asks for it, and never decrypts secrets itself.
/// </summary>
public interface IConnectionSettingsSource
{
    /// <summary>The settings, or null when the connection does not exist (or is deleted).</summary>
    /// <exception cref="InvalidOperationException">The settings cannot be provided; the message says why.</exception>
    Task<ServiceNowConnectionSettings?> GetSettingsAsync(long connectionId, CancellationToken cancellationToken);
}
