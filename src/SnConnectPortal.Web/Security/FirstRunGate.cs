using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Account.EntraId;

namespace SnConnectPortal.Web.Security;

/// <summary>
/// Knows whether the portal still needs its first administrator. Once a user exists it never asks the database
/// again: users are disabled, never deleted, so the portal cannot return to having none. With local accounts off there
/// is no first administrator to create: Entra ID's app roles say who is an Admin.
/// </summary>
public sealed class FirstRunGate(IDbContextFactory<PortalDbContext> dbContextFactory, IOptions<PortalAuthenticationOptions> authentication)
{
    private readonly SemaphoreSlim _setupLock = new(1, 1);
    private volatile bool _hasUsers;

    public async Task<bool> NeedsFirstAdministratorAsync(CancellationToken cancellationToken)
    {
        if (_hasUsers || !authentication.Value.LocalAccounts)
        {
            return false;
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        _hasUsers = await db.Users.AnyAsync(cancellationToken);
        return !_hasUsers;
    }

    /// <summary>Runs <paramref name="createAdministrator"/> only if no user exists, one caller at a time.</summary>
    public async Task<bool> TryCreateFirstAdministratorAsync(Func<Task<bool>> createAdministrator, CancellationToken cancellationToken)
    {
        await _setupLock.WaitAsync(cancellationToken);
        try
        {
            if (!await NeedsFirstAdministratorAsync(cancellationToken))
            {
                return false;
            }

            var created = await createAdministrator();
            _hasUsers = created;
            return created;
        }
        finally
        {
            _setupLock.Release();
        }
    }
}
