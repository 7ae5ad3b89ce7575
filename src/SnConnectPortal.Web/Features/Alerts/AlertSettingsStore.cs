using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Auditing;
using SnConnectPortal.Web.Features.Connections;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>
/// Keeps the <see cref="AlertSettings"/> as portal settings (one row per field, keys <c>Alerts.*</c>); a field with no
/// row has its default. The SMTP password is encrypted with Data Protection and only ever decrypted to send. Every
/// change is audited field by field with its old and new value (for the password: only that it was set or removed).
/// </summary>
public sealed class AlertSettingsStore(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    IValidator<AlertSettingsDraft> validator,
    IDataProtectionProvider dataProtection,
    AuditLog auditLog,
    TimeProvider timeProvider)
{
    public const string EntityType = "AlertSettings";
    private const string Prefix = "Alerts.";
    private const string PasswordKey = Prefix + "SmtpPassword";
    private readonly IDataProtector _protector = dataProtection.CreateProtector("SnConnectPortal.Alerts.SmtpPassword.v1");

    public async Task<AlertSettings> GetAsync(CancellationToken cancellationToken)
    {
        var rows = await ReadAsync(cancellationToken);
        var defaults = AlertSettings.Default;
        var thresholds = defaults.Thresholds;
        return new AlertSettings(
            Text(rows, nameof(AlertSettings.SmtpHost)),
            Number(rows, nameof(AlertSettings.SmtpPort)) ?? defaults.SmtpPort,
            Text(rows, nameof(AlertSettings.SmtpFrom)),
            Enum.TryParse<SmtpTlsMode>(Text(rows, nameof(AlertSettings.SmtpTls)), out var tls) ? tls : defaults.SmtpTls,
            Text(rows, nameof(AlertSettings.SmtpUserName)),
            rows.TryGetValue(PasswordKey, out var password) ? password.UpdatedAt : null,
            new AlertThresholds(
                Number(rows, nameof(AlertThresholds.BacklogAgeMinutes)) ?? thresholds.BacklogAgeMinutes,
                Number(rows, nameof(AlertThresholds.InboundSilenceMinutes)) ?? thresholds.InboundSilenceMinutes,
                Number(rows, nameof(AlertThresholds.ExpiryWarningDays)) ?? thresholds.ExpiryWarningDays,
                Number(rows, nameof(AlertThresholds.RefreshTokenLifespanDays)) ?? thresholds.RefreshTokenLifespanDays));
    }

    /// <summary>The SMTP password, decrypted to send an email; null when none is set.</summary>
    internal async Task<string?> SmtpPasswordAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.PortalSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == PasswordKey, cancellationToken);
        return row is null ? null : _protector.Unprotect(row.Value);
    }

    /// <summary>Saves the draft; Admins only. Field errors are keyed by the draft's property names.</summary>
    public async Task<ServiceResult> SaveAsync(ClaimsPrincipal actor, AlertSettingsDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(draft);
        if (!actor.IsInRole(PortalRoles.Admin))
        {
            return ServiceResult.Forbidden("Only an Admin can change the alert settings.");
        }

        var validation = await validator.ValidateAsync(draft, cancellationToken);
        if (!validation.IsValid)
        {
            return new ServiceResult([.. validation.Errors.Select(e => e.ErrorMessage)],
                validation.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage));
        }

        var before = await GetAsync(cancellationToken);
        var after = new Dictionary<string, string?>
        {
            [nameof(AlertSettings.SmtpHost)] = Blank(draft.SmtpHost),
            [nameof(AlertSettings.SmtpPort)] = draft.SmtpPort.ToString(CultureInfo.InvariantCulture),
            [nameof(AlertSettings.SmtpFrom)] = Blank(draft.SmtpFrom),
            [nameof(AlertSettings.SmtpTls)] = draft.SmtpTls.ToString(),
            [nameof(AlertSettings.SmtpUserName)] = Blank(draft.SmtpUserName),
            [nameof(AlertThresholds.BacklogAgeMinutes)] = draft.BacklogAgeMinutes.ToString(CultureInfo.InvariantCulture),
            [nameof(AlertThresholds.InboundSilenceMinutes)] = draft.InboundSilenceMinutes.ToString(CultureInfo.InvariantCulture),
            [nameof(AlertThresholds.ExpiryWarningDays)] = draft.ExpiryWarningDays.ToString(CultureInfo.InvariantCulture),
            [nameof(AlertThresholds.RefreshTokenLifespanDays)] = draft.RefreshTokenLifespanDays.ToString(CultureInfo.InvariantCulture),
        };
        var beforeText = Texts(before);
        var changes = after.Where(a => !string.Equals(beforeText[a.Key], a.Value, StringComparison.Ordinal))
            .Select(a => new FieldChange(a.Key, beforeText[a.Key], a.Value)).ToList();
        var who = ConnectionRoles.NameOf(actor);
        var now = timeProvider.GetUtcNow().UtcDateTime;

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.PortalSettings.Where(s => s.Key.StartsWith(Prefix)).ToDictionaryAsync(s => s.Key, cancellationToken);
        foreach (var change in changes)
        {
            Set(db, rows, Prefix + change.Field, change.To, who, now);
        }

        string? password = null;
        if (!string.IsNullOrEmpty(draft.NewSmtpPassword))
        {
            Set(db, rows, PasswordKey, _protector.Protect(draft.NewSmtpPassword), who, now);
            password = before.SmtpPasswordSetAt is null ? "SMTP password set" : "SMTP password replaced";
        }
        else if (draft.RemoveSmtpPassword && before.SmtpPasswordSetAt is not null)
        {
            Set(db, rows, PasswordKey, null, who, now);
            password = "SMTP password removed";
        }

        if (changes.Count == 0 && password is null)
        {
            return ServiceResult.Success;
        }

        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(who, "alerts.settings.changed", EntityType, null, new { changes, secrets = password is null ? null : new[] { password } }, cancellationToken);
        return ServiceResult.Success;
    }

    private static void Set(PortalDbContext db, Dictionary<string, PortalSetting> rows, string key, string? value, string who, DateTime now)
    {
        rows.TryGetValue(key, out var row);
        if (value is null)
        {
            if (row is not null)
            {
                db.PortalSettings.Remove(row);
            }

            return;
        }

        if (row is null)
        {
            row = new PortalSetting { Key = key, Value = value, UpdatedBy = who };
            db.PortalSettings.Add(row);
            rows[key] = row;
        }

        row.Value = value;
        row.UpdatedBy = who;
        row.UpdatedAt = now;
    }

    private static Dictionary<string, string?> Texts(AlertSettings settings) => new()
    {
        [nameof(AlertSettings.SmtpHost)] = settings.SmtpHost,
        [nameof(AlertSettings.SmtpPort)] = settings.SmtpPort.ToString(CultureInfo.InvariantCulture),
        [nameof(AlertSettings.SmtpFrom)] = settings.SmtpFrom,
        [nameof(AlertSettings.SmtpTls)] = settings.SmtpTls.ToString(),
        [nameof(AlertSettings.SmtpUserName)] = settings.SmtpUserName,
        [nameof(AlertThresholds.BacklogAgeMinutes)] = settings.Thresholds.BacklogAgeMinutes.ToString(CultureInfo.InvariantCulture),
        [nameof(AlertThresholds.InboundSilenceMinutes)] = settings.Thresholds.InboundSilenceMinutes.ToString(CultureInfo.InvariantCulture),
        [nameof(AlertThresholds.ExpiryWarningDays)] = settings.Thresholds.ExpiryWarningDays.ToString(CultureInfo.InvariantCulture),
        [nameof(AlertThresholds.RefreshTokenLifespanDays)] = settings.Thresholds.RefreshTokenLifespanDays.ToString(CultureInfo.InvariantCulture),
    };

    private async Task<Dictionary<string, PortalSetting>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        return await db.PortalSettings.AsNoTracking().Where(s => s.Key.StartsWith(Prefix)).ToDictionaryAsync(s => s.Key, cancellationToken);
    }

    private static string? Text(Dictionary<string, PortalSetting> rows, string field) =>
        rows.TryGetValue(Prefix + field, out var row) ? row.Value : null;

    private static int? Number(Dictionary<string, PortalSetting> rows, string field) =>
        int.TryParse(Text(rows, field), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
