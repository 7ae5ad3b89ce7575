using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Auditing;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Features.TwoFactor;

/// <summary>
/// The Admin setting "require two-factor for local accounts" (stored in PortalSettings, audited). While it is on, a user
/// signed in without a second factor is sent to enrol before reaching anything else (<see cref="TwoFactorEnrolmentGate"/>).
/// </summary>
public sealed class TwoFactorRequirement(IDbContextFactory<PortalDbContext> dbContextFactory, AuditLog auditLog, TimeProvider timeProvider)
{
    public const string Key = "Security.RequireTwoFactor";

    public async Task<bool> IsRequiredAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        return await db.PortalSettings.AsNoTracking().AnyAsync(s => s.Key == Key && s.Value == "true", cancellationToken);
    }

    /// <summary>Turns the requirement on or off; returns why not, or null when saved. Admins only.</summary>
    public async Task<string?> SetAsync(ClaimsPrincipal actor, bool required, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(PortalRoles.Admin))
        {
            return "Only an Admin can change whether two-factor sign-in is required.";
        }

        var actorName = actor.Identity?.Name ?? "unknown";
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.PortalSettings.FirstOrDefaultAsync(s => s.Key == Key, cancellationToken);
        var before = row?.Value == "true";
        if (row is null)
        {
            row = new PortalSetting { Key = Key, Value = "", UpdatedBy = actorName };
            db.PortalSettings.Add(row);
        }

        row.Value = required ? "true" : "false";
        row.UpdatedBy = actorName;
        row.UpdatedAt = timeProvider.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(actorName, "settings.two-factor-required.changed", "PortalSetting", Key, new { from = before, to = required }, cancellationToken);
        return null;
    }
}
