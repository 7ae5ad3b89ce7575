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

/// <summary>One recipient ready to send to, with its webhook URL decrypted (for the senders only, never shown).</summary>
public sealed record AlertTarget(AlertChannel Channel, string Address, Uri? WebhookUrl, IReadOnlySet<AlertKind> Kinds);

/// <summary>
/// Who gets which alerts: Admins add and remove recipients; every change is audited (a webhook by its scheme and
/// host only). Webhook URLs are stored encrypted, since Slack's and Teams' carry their own token.
/// </summary>
public sealed class AlertRecipients(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    IValidator<AlertRecipientDraft> validator,
    IDataProtectionProvider dataProtection,
    AuditLog auditLog,
    TimeProvider timeProvider)
{
    public const string EntityType = "AlertRecipient";
    private readonly IDataProtector _protector = dataProtection.CreateProtector("SnConnectPortal.Alerts.WebhookUrl.v1");

    public async Task<IReadOnlyList<AlertRecipientView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.AlertRecipients.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new AlertRecipientView(r.Id, r.Channel, r.Address, [.. KindsOf(r.Kinds)]))];
    }

    /// <summary>Every recipient, decrypted for sending.</summary>
    internal async Task<IReadOnlyList<AlertTarget>> TargetsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.AlertRecipients.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new AlertTarget(r.Channel, r.Address,
            r.ProtectedUrl is null ? null : new Uri(_protector.Unprotect(r.ProtectedUrl)), KindsOf(r.Kinds).ToHashSet()))];
    }

    public async Task<ServiceResult<long>> AddAsync(ClaimsPrincipal actor, AlertRecipientDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(draft);
        if (!actor.IsInRole(PortalRoles.Admin))
        {
            return ServiceResult<long>.Forbidden("Only an Admin can change who gets alerts.");
        }

        var validation = await validator.ValidateAsync(draft, cancellationToken);
        if (!validation.IsValid)
        {
            return new ServiceResult<long>(0, [.. validation.Errors.Select(e => e.ErrorMessage)],
                validation.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage));
        }

        var address = draft.Address.Trim();
        var webhook = draft.Channel == AlertChannel.Webhook ? new Uri(address) : null;
        var recipient = new AlertRecipient
        {
            Channel = draft.Channel,
            Address = webhook is null ? address : $"{webhook.Scheme}://{webhook.Authority}/…",
            ProtectedUrl = webhook is null ? null : _protector.Protect(webhook.AbsoluteUri),
            Kinds = string.Join(',', Enum.GetValues<AlertKind>().Where(draft.Kinds.Contains)),
            CreatedAt = timeProvider.GetUtcNow().UtcDateTime,
            CreatedBy = ConnectionRoles.NameOf(actor),
        };
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        db.AlertRecipients.Add(recipient);
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(recipient.CreatedBy, "alerts.recipient.added", EntityType, Id(recipient),
            new { from = (object?)null, to = Describe(recipient) }, cancellationToken);
        return ServiceResult<long>.Ok(recipient.Id);
    }

    public async Task<ServiceResult> RemoveAsync(ClaimsPrincipal actor, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(PortalRoles.Admin))
        {
            return ServiceResult.Forbidden("Only an Admin can change who gets alerts.");
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.AlertRecipients.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } recipient)
        {
            return ServiceResult.NotFound("That recipient no longer exists.");
        }

        db.AlertRecipients.Remove(recipient);
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(ConnectionRoles.NameOf(actor), "alerts.recipient.removed", EntityType, Id(recipient),
            new { from = Describe(recipient), to = (object?)null }, cancellationToken);
        return ServiceResult.Success;
    }

    private static string Describe(AlertRecipient recipient) => $"{recipient.Channel} {recipient.Address} ({recipient.Kinds.Replace(",", ", ", StringComparison.Ordinal)})";

    private static string Id(AlertRecipient recipient) => recipient.Id.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<AlertKind> KindsOf(string kinds) =>
        kinds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => Enum.TryParse<AlertKind>(k, out var kind) ? (AlertKind?)kind : null).OfType<AlertKind>();
}
