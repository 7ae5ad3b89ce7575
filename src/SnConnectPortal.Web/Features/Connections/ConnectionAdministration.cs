using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Auditing;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>
/// Creates, edits, disables, enables, activates and deletes connections. Every action checks that the caller is an
/// Admin (pages hide the buttons too, but the rule lives here), validates the whole draft again, stores secrets
/// encrypted and writes the audit log: which fields changed, and for secrets only that one was set, replaced or
/// removed. A singleton; each action opens its own DbContext.
/// </summary>
public sealed class ConnectionAdministration(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    IValidator<ConnectionDraft> validator,
    IConnectionNames names,
    ConnectionSecretProtector protector,
    IOptions<ConnectionsOptions> options,
    AuditLog auditLog,
    TimeProvider timeProvider)
{
    public const string EntityType = "Connection";

    public async Task<ServiceResult<long>> SaveAsync(ClaimsPrincipal actor, ConnectionDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!ConnectionRoles.CanManage(actor))
        {
            return NotAllowed();
        }

        var validation = await validator.ValidateAsync(draft, o => o.IncludeRuleSets([.. ConnectionDraftValidator.AllRuleSets]), cancellationToken);
        if (!validation.IsValid)
        {
            return ServiceResult<long>.Fail([.. validation.Errors.Select(e => e.ErrorMessage)]);
        }

        try
        {
            return draft.Id is { } id
                ? await UpdateAsync(actor, id, draft, cancellationToken)
                : await CreateAsync(actor, draft, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another Admin took the name between validation and save; anything else is a real failure.
            if (await names.IsAvailableAsync(draft.Name, draft.Id, cancellationToken))
            {
                throw;
            }

            return ServiceResult<long>.Fail($"Another connection is already named \"{draft.Name.Trim()}\". Choose another name.");
        }
    }

    public async Task<ServiceResult<long>> SetDisabledAsync(ClaimsPrincipal actor, long id, bool disabled, CancellationToken cancellationToken)
    {
        if (!ConnectionRoles.CanManage(actor))
        {
            return NotAllowed();
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        if (await FindAsync(db, id, cancellationToken) is not { } connection)
        {
            return NotFound();
        }

        var current = connection.Status;
        if ((current == ConnectionStatus.Disabled) == disabled)
        {
            return ServiceResult<long>.Ok(id);
        }

        // Enabling goes back to what the last check said; it never goes straight back to Active.
        var move = disabled ? ConnectionEvent.Disabled : ConnectionStatusTransitions.EnableEvent(connection.LastCheckSucceeded);
        connection.Status = ConnectionStatusTransitions.Next(current, move) ?? current;
        Touch(connection, actor);
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(actor, disabled ? "connection.disabled" : "connection.enabled", connection, new { name = connection.Name, status = connection.Status }, cancellationToken);
        return ServiceResult<long>.Ok(id);
    }

    /// <summary>Switches a Verified connection on, so that it carries messages.</summary>
    public async Task<ServiceResult<long>> ActivateAsync(ClaimsPrincipal actor, long id, CancellationToken cancellationToken)
    {
        if (!ConnectionRoles.CanManage(actor))
        {
            return NotAllowed();
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        if (await FindAsync(db, id, cancellationToken) is not { } connection)
        {
            return NotFound();
        }

        if (ConnectionStatusTransitions.Next(connection.Status, ConnectionEvent.Activated) is not { } active)
        {
            return ServiceResult<long>.Fail("Only a Verified connection can be activated: run the check first, and fix what it reports.");
        }

        connection.Status = active;
        Touch(connection, actor);
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(actor, "connection.activated", connection, new { name = connection.Name }, cancellationToken);
        return ServiceResult<long>.Ok(id);
    }

    /// <summary>
    /// Deletes a connection: it leaves every list and its secrets are erased, but its row stays so that the message
    /// history that refers to it is kept. Its name can be used again.
    /// </summary>
    public async Task<ServiceResult<long>> DeleteAsync(ClaimsPrincipal actor, long id, CancellationToken cancellationToken)
    {
        if (!ConnectionRoles.CanManage(actor))
        {
            return NotAllowed();
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        if (await FindAsync(db, id, cancellationToken) is not { } connection)
        {
            return NotFound();
        }

        connection.DeletedAt = timeProvider.GetUtcNow().UtcDateTime;
        connection.DeletedBy = ConnectionRoles.NameOf(actor);
        connection.Status = ConnectionStatus.Disabled;
        db.ConnectionSecrets.RemoveRange(connection.Secrets);
        Touch(connection, actor);
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(actor, "connection.deleted", connection, new { name = connection.Name, instanceUrl = connection.InstanceUrl }, cancellationToken);
        return ServiceResult<long>.Ok(id);
    }

    private async Task<ServiceResult<long>> CreateAsync(ClaimsPrincipal actor, ConnectionDraft draft, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var who = ConnectionRoles.NameOf(actor);
        var connection = new Connection
        {
            Name = "",
            NormalizedName = "",
            InstanceUrl = "",
            TimeZone = "",
            Environment = "",
            AuthMode = "",
            Tables = "",
            Status = ConnectionStatusTransitions.Initial,
            CreatedAt = now,
            CreatedBy = who,
            UpdatedAt = now,
            UpdatedBy = who,
        };
        Apply(draft, connection);

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Connections.Add(connection);
        await db.SaveChangesAsync(cancellationToken);
        var secretChanges = ApplySecrets(db, draft, connection, who, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var settings = ConnectionSettingsSnapshot.Of(connection);
        await AuditAsync(actor, "connection.created", connection, new { settings, secrets = secretChanges }, cancellationToken);
        return ServiceResult<long>.Ok(connection.Id);
    }

    private async Task<ServiceResult<long>> UpdateAsync(ClaimsPrincipal actor, long id, ConnectionDraft draft, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var who = ConnectionRoles.NameOf(actor);
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        if (await FindAsync(db, id, cancellationToken) is not { } connection)
        {
            return NotFound();
        }

        var before = ConnectionSettingsSnapshot.Of(connection);
        Apply(draft, connection);
        var changes = before.ChangesTo(ConnectionSettingsSnapshot.Of(connection));
        var secretChanges = ApplySecrets(db, draft, connection, who, now);
        if (changes.Count == 0 && secretChanges.Count == 0)
        {
            return ServiceResult<long>.Ok(id);
        }

        var reachabilityChanged = secretChanges.Count > 0 || changes.Any(c => ConnectionEditImpact.ReachabilityFields.Contains(c.Field));
        connection.Status = ConnectionStatusTransitions.AfterEdit(connection.Status, reachabilityChanged);
        if (reachabilityChanged)
        {
            // The last check was about the old address or credentials: it says nothing about these (and enabling a
            // Disabled connection must not bring back a Verified that these settings never earned).
            connection.LastCheckSucceeded = null;
        }

        connection.UpdatedAt = now;
        connection.UpdatedBy = who;
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(actor, "connection.changed", connection, new { name = connection.Name, changes, secrets = secretChanges, status = connection.Status }, cancellationToken);
        return ServiceResult<long>.Ok(id);
    }

    private void Apply(ConnectionDraft draft, Connection connection)
    {
        var name = draft.Name.Trim();
        connection.Name = name;
        connection.NormalizedName = ConnectionNames.Normalize(name);
        connection.InstanceUrl = InstanceAddress.Parse(draft.InstanceAddress, options.Value).Url!.AbsoluteUri;
        connection.TimeZone = draft.TimeZone;
        connection.Environment = draft.Environment;
        connection.AuthMode = draft.AuthMode.ToString();
        connection.UserName = SecretKinds.NeedsUserName(draft.AuthMode) ? draft.UserName?.Trim() : null;
        connection.ClientId = SecretKinds.NeedsClientId(draft.AuthMode) ? draft.ClientId?.Trim() : null;
        connection.Tables = string.Join(',', ConnectionChoices.Tables.Where(draft.Tables.Contains));
        connection.OutboundRateLimit = draft.OutboundRateLimit?.Count;
        connection.OutboundRateLimitPeriod = draft.OutboundRateLimitPeriod;
        connection.ScheduledCheckMinutes = draft.ScheduledCheck;
        connection.PasswordExpiresOn = SecretKinds.RequiredBy(draft.AuthMode).Contains(SecretKind.Password) && draft.PasswordExpiresOn is { } expires
            ? DateOnly.FromDateTime(expires)
            : null;
    }

    /// <summary>Stores the secrets typed in the draft and erases those the auth mode no longer needs; says which, never their values.</summary>
    private List<string> ApplySecrets(PortalDbContext db, ConnectionDraft draft, Connection connection, string who, DateTime now)
    {
        var changes = new List<string>();
        var required = SecretKinds.RequiredBy(draft.AuthMode);
        foreach (var stored in connection.Secrets.ToList())
        {
            var kind = stored.Kind;
            if (!required.Contains(kind))
            {
                db.ConnectionSecrets.Remove(stored);
                changes.Add($"{SecretKinds.Label(kind)} removed");
            }
        }

        foreach (var kind in required)
        {
            if (!draft.NewSecrets.TryGetValue(kind, out var value) || string.IsNullOrEmpty(value))
            {
                continue;
            }

            var protectedValue = protector.Protect(connection.Id, kind, value);
            if (connection.Secrets.FirstOrDefault(s => s.Kind == kind) is { } existing)
            {
                existing.ProtectedValue = protectedValue;
                existing.SetAt = now;
                existing.SetBy = who;
                changes.Add($"{SecretKinds.Label(kind)} replaced");
            }
            else
            {
                var secret = new ConnectionSecret { ConnectionId = connection.Id, Kind = kind, ProtectedValue = protectedValue, SetAt = now, SetBy = who };
                connection.Secrets.Add(secret);
                db.ConnectionSecrets.Add(secret);
                changes.Add($"{SecretKinds.Label(kind)} set");
            }
        }

        return changes;
    }

    private void Touch(Connection connection, ClaimsPrincipal actor)
    {
        connection.UpdatedAt = timeProvider.GetUtcNow().UtcDateTime;
        connection.UpdatedBy = ConnectionRoles.NameOf(actor);
    }

    private static Task<Connection?> FindAsync(PortalDbContext db, long id, CancellationToken cancellationToken) =>
        db.Connections.Include(c => c.Secrets).FirstOrDefaultAsync(c => c.Id == id && c.DeletedAt == null, cancellationToken);

    private Task AuditAsync(ClaimsPrincipal actor, string action, Connection connection, object details, CancellationToken cancellationToken) =>
        auditLog.WriteAsync(ConnectionRoles.NameOf(actor), action, EntityType, connection.Id.ToString(CultureInfo.InvariantCulture), details, cancellationToken);

    private static ServiceResult<long> NotAllowed() => ServiceResult<long>.Fail("Only an Admin can create, change or delete connections.");

    private static ServiceResult<long> NotFound() => ServiceResult<long>.Fail("That connection no longer exists.");
}
