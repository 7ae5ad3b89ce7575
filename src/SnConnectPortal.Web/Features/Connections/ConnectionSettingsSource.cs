using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>
/// The one place that turns a saved connection into ServiceNow client settings with its secrets decrypted, for the
/// checks and for background work such as user import. The settings live only in memory, for one call or run.
/// </summary>
public sealed class ConnectionSettingsSource(IDbContextFactory<PortalDbContext> dbContextFactory, ConnectionSecretProtector protector)
    : IConnectionSettingsSource
{
    public async Task<ServiceNowConnectionSettings?> GetSettingsAsync(long connectionId, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var connection = await db.Connections.AsNoTracking().Include(c => c.Secrets)
            .FirstOrDefaultAsync(c => c.Id == connectionId && c.DeletedAt == null, cancellationToken);
        return connection is null ? null : SettingsOf(connection);
    }

    /// <summary>The settings of a connection loaded with its <see cref="Connection.Secrets"/>.</summary>
    public ServiceNowConnectionSettings SettingsOf(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        string? Secret(SecretKind kind) => connection.Secrets.FirstOrDefault(s => s.Kind == kind) is { } stored
            ? protector.Unprotect(connection.Id, kind, stored.ProtectedValue)
            : null;

        return new ServiceNowConnectionSettings
        {
            InstanceUrl = new Uri(connection.InstanceUrl),
            AuthMode = Enum.Parse<ServiceNowAuthMode>(connection.AuthMode),
            UserName = connection.UserName,
            ClientId = connection.ClientId,
            Password = Secret(SecretKind.Password),
            ClientSecret = Secret(SecretKind.ClientSecret),
            RefreshToken = Secret(SecretKind.RefreshToken),
        };
    }
}
