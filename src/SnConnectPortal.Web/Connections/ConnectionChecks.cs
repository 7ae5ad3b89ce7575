using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Connections;

/// <summary>
/// Runs the connectivity check of a saved connection (Admins and Operators) with its decrypted secrets, records the
/// result and moves the status: a pass makes a Draft or Failing connection Verified; a failure makes a Verified or
/// Active one Failing. Secrets are decrypted only for the call and never leave this class.
/// </summary>
public sealed class ConnectionChecks(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    ConnectionSettingsSource settingsSource,
    ConnectivityCheck check)
{
    public async Task<ConnectionResult> RunAsync(ClaimsPrincipal actor, long id, CancellationToken cancellationToken)
    {
        if (!ConnectionRoles.CanOperate(actor))
        {
            return ConnectionResult.Fail("Only an Admin or an Operator can run checks.");
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Connections.Include(c => c.Secrets).FirstOrDefaultAsync(c => c.Id == id && c.DeletedAt == null, cancellationToken) is not { } connection)
        {
            return ConnectionResult.Fail("That connection no longer exists.");
        }

        var result = await check.RunAsync(settingsSource.SettingsOf(connection), cancellationToken);
        ConnectionCheckRecorder.Record(connection, result.CheckedAt, result.Succeeded, result.Summary);
        await db.SaveChangesAsync(cancellationToken);
        return ConnectionResult.Success(id);
    }
}
