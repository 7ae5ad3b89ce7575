using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Auditing;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Features.Messages;

/// <summary>How many days messages are kept, and who set it; <see cref="SetBy"/> is null while the configured default applies.</summary>
public sealed record MessageRetentionDays(int Days, string? SetBy, DateTime? SetAt);

/// <summary>
/// The message retention in days: what an Admin set on the Settings page, else <c>Messages:RetentionDays</c>. 0 keeps
/// messages for ever. Changes are audited with their old and new values.
/// </summary>
public sealed class MessageRetentionSetting(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    IOptions<MessagesOptions> options,
    AuditLog auditLog,
    TimeProvider timeProvider)
{
    public const string Key = "Messages.RetentionDays";
    public const int MaxDays = 36500;

    public async Task<MessageRetentionDays> GetAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.PortalSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == Key, cancellationToken);
        return row is not null && int.TryParse(row.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= MaxDays
            ? new MessageRetentionDays(days, row.UpdatedBy, row.UpdatedAt)
            : new MessageRetentionDays(options.Value.RetentionDays, null, null);
    }

    /// <summary>Sets the retention; returns why not, or null when saved. Admins only.</summary>
    public async Task<string?> SetAsync(ClaimsPrincipal actor, int? days, CancellationToken cancellationToken)
    {
        if (!actor.IsInRole(PortalRoles.Admin))
        {
            return "Only an Admin can change how long messages are kept.";
        }

        if (days is not (>= 0 and <= MaxDays))
        {
            return RetentionDaysText.RangeMessage;
        }

        var before = await GetAsync(cancellationToken);
        var actorName = actor.Identity?.Name ?? "unknown";
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.PortalSettings.FirstOrDefaultAsync(s => s.Key == Key, cancellationToken);
        if (row is null)
        {
            row = new PortalSetting { Key = Key, Value = "", UpdatedBy = actorName };
            db.PortalSettings.Add(row);
        }

        row.Value = days.Value.ToString(CultureInfo.InvariantCulture);
        row.UpdatedBy = actorName;
        row.UpdatedAt = timeProvider.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(actorName, "settings.retention.changed", "PortalSetting", Key, new { from = before.Days, to = days.Value }, cancellationToken);
        return null;
    }
}
