using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.Web.Features.Outbound;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>Reads connections for the pages. Credentials (user, client id, secret dates) only for Admins; secret values never.</summary>
public sealed class ConnectionQueries(IDbContextFactory<PortalDbContext> dbContextFactory)
{
    public async Task<IReadOnlyList<ConnectionSummary>> ListAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (!ConnectionRoles.CanView(actor))
        {
            return [];
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Connections.AsNoTracking()
            .Where(c => c.DeletedAt == null)
            .OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.InstanceUrl, c.Environment, c.AuthMode, c.Status, c.LastCheckAt, c.LastCheckSucceeded })
            .ToListAsync(cancellationToken);
        return rows.Select(c => new ConnectionSummary(c.Id, c.Name, c.InstanceUrl, c.Environment,
                AuthModes.Label(Enum.Parse<ServiceNowAuthMode>(c.AuthMode)), c.Status,
                c.LastCheckAt, c.LastCheckSucceeded))
            .ToList();
    }

    public async Task<ConnectionDetails?> GetAsync(ClaimsPrincipal actor, long id, CancellationToken cancellationToken)
    {
        if (!ConnectionRoles.CanView(actor))
        {
            return null;
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        if (await FindAsync(db, id, cancellationToken) is not { } c)
        {
            return null;
        }

        var credentials = ConnectionRoles.CanManage(actor)
            ? new ConnectionCredentials(c.UserName, c.ClientId, SecretInfos(c))
            : null;
        return new ConnectionDetails(c.Id, c.Name, c.InstanceUrl, c.TimeZone, c.Environment, Enum.Parse<ServiceNowAuthMode>(c.AuthMode),
            c.Tables.Split(',', StringSplitOptions.RemoveEmptyEntries), OutboundRateLimit.Of(c), c.ScheduledCheckMinutes, c.PasswordExpiresOn,
            c.Status, c.LastCheckAt, c.LastCheckSucceeded, c.LastCheckSummary,
            c.CreatedAt, c.CreatedBy, c.UpdatedAt, c.UpdatedBy, credentials);
    }

    /// <summary>The wizard's draft for editing a connection: its settings and which secrets are stored. Admins only.</summary>
    public async Task<ConnectionDraft?> LoadDraftAsync(ClaimsPrincipal actor, long id, CancellationToken cancellationToken)
    {
        if (!ConnectionRoles.CanManage(actor))
        {
            return null;
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        if (await FindAsync(db, id, cancellationToken) is not { } c)
        {
            return null;
        }

        var draft = new ConnectionDraft
        {
            Id = c.Id,
            Name = c.Name,
            InstanceAddress = c.InstanceUrl,
            TimeZone = c.TimeZone,
            Environment = c.Environment,
            AuthMode = Enum.Parse<ServiceNowAuthMode>(c.AuthMode),
            UserName = c.UserName,
            ClientId = c.ClientId,
            Tables = [.. c.Tables.Split(',', StringSplitOptions.RemoveEmptyEntries)],
            LimitOutboundRate = c.OutboundRateLimit is not null,
            OutboundRateLimitCount = c.OutboundRateLimit ?? 1_000,
            OutboundRateLimitPeriod = c.OutboundRateLimitPeriod,
            ScheduleChecks = c.ScheduledCheckMinutes is not null,
            ScheduledCheckMinutes = c.ScheduledCheckMinutes ?? 60,
            PasswordExpiresOn = c.PasswordExpiresOn?.ToDateTime(TimeOnly.MinValue),
        };
        foreach (var (kind, info) in SecretInfos(c))
        {
            draft.StoredSecrets[kind] = info;
        }

        return draft;
    }

    private static Task<Connection?> FindAsync(PortalDbContext db, long id, CancellationToken cancellationToken) =>
        db.Connections.AsNoTracking().Include(c => c.Secrets).FirstOrDefaultAsync(c => c.Id == id && c.DeletedAt == null, cancellationToken);

    private static Dictionary<SecretKind, SecretInfo> SecretInfos(Connection connection) =>
        connection.Secrets.ToDictionary(s => s.Kind, s => new SecretInfo(s.SetAt, s.SetBy));
}
