using SnConnectPortal.ServiceNow;

namespace SnConnectPortal.Web.UserDirectory;

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

/// <summary>
/// Registered until the connections feature provides an <see cref="IConnectionSettingsSource"/>: every import says
/// plainly why it cannot run instead of failing somewhere deeper.
/// </summary>
internal sealed class UnavailableConnectionSettingsSource : IConnectionSettingsSource
{
    public Task<ServiceNowConnectionSettings?> GetSettingsAsync(long connectionId, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(
            "User import cannot read this connection's credentials yet: the connections feature does not provide them to background work.");
}
