using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Auditing;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Features.Inbound;

/// <summary>What the connection page shows about its receiver: never the password or its hash.</summary>
public sealed record InboundEndpointView(
    long ConnectionId, string ConnectionName, string Tables, string? ConnectionKey, string? UserName,
    DateTime? PasswordSetAt, string? PasswordSetBy, int? RateLimitPerSecond)
{
    public bool HasPassword => PasswordSetAt is not null;
}

/// <summary>
/// Creates a connection's receiver (a random key and a user name) and rotates its password (Admin only, audited).
/// The new password is returned once and stored as a PBKDF2 hash (plus a Data-Protection copy that only the
/// test-payload button decrypts); the cache of verified credentials forgets the old one at once, and other nodes' caches
/// within a second (<see cref="InboundCredentialChanges"/>).
/// </summary>
public sealed class InboundEndpointAdministration(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    IDataProtectionProvider dataProtection,
    InboundCredentials credentials,
    InboundCredentialChanges changes,
    AuditLog auditLog,
    TimeProvider timeProvider)
{
    private const string ProtectorPurpose = "SnConnectPortal.Inbound.Password.v1";

    public async Task<InboundEndpointView?> GetAsync(long connectionId, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var connection = await db.Connections.AsNoTracking().Where(c => c.Id == connectionId && c.DeletedAt == null)
            .Select(c => new { c.Name, c.Tables }).FirstOrDefaultAsync(cancellationToken);
        if (connection is null)
        {
            return null;
        }

        var endpoint = await db.InboundEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.ConnectionId == connectionId, cancellationToken);
        return new InboundEndpointView(connectionId, connection.Name, connection.Tables, endpoint?.ConnectionKey, endpoint?.UserName,
            endpoint?.PasswordSetAt, endpoint?.PasswordSetBy, endpoint?.RateLimitPerSecond);
    }

    /// <summary>Creates the receiver if needed and gives it a new password, which the result carries to be shown once.</summary>
    public async Task<ServiceResult<string>> GeneratePasswordAsync(ClaimsPrincipal actor, long connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(PortalRoles.Admin))
        {
            return ServiceResult<string>.Forbidden("Only an Admin can generate the receiver's password.");
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Connections.AnyAsync(c => c.Id == connectionId && c.DeletedAt == null, cancellationToken))
        {
            return ServiceResult<string>.NotFound("That connection no longer exists.");
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var endpoint = await db.InboundEndpoints.FirstOrDefaultAsync(e => e.ConnectionId == connectionId, cancellationToken);
        var created = endpoint is null;
        endpoint ??= db.InboundEndpoints.Add(new InboundEndpoint
        {
            ConnectionId = connectionId,
            ConnectionKey = NewSecret(24),
            UserName = $"snconnect.inbound.{connectionId}",
            CreatedAt = now,
        }).Entity;

        var password = NewSecret(24);
        endpoint.PasswordHash = InboundCredentials.HashPassword(password);
        endpoint.ProtectedPassword = Protector(connectionId).Protect(password);
        endpoint.PasswordSetAt = now;
        endpoint.PasswordSetBy = actor.Identity?.Name ?? "unknown";
        await db.SaveChangesAsync(cancellationToken);
        credentials.Forget(endpoint.Id);
        await changes.AnnounceAsync(endpoint.PasswordSetBy, cancellationToken);

        await auditLog.WriteAsync(endpoint.PasswordSetBy, created ? "inbound.created" : "inbound.password-rotated", "Connection",
            connectionId.ToString(System.Globalization.CultureInfo.InvariantCulture), new { endpoint.UserName }, cancellationToken);
        return ServiceResult<string>.Ok(password);
    }

    public async Task<string?> SetRateLimitAsync(ClaimsPrincipal actor, long connectionId, int? perSecond, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(PortalRoles.Admin))
        {
            return "Only an Admin can change the receiver's rate limit.";
        }

        if (perSecond is < 1 or > 1_000_000)
        {
            return "The rate limit must be between 1 and 1,000,000 messages per second (or empty for the default).";
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.InboundEndpoints.FirstOrDefaultAsync(e => e.ConnectionId == connectionId, cancellationToken);
        if (endpoint is null)
        {
            return "Generate the receiver's password first.";
        }

        var before = endpoint.RateLimitPerSecond;
        endpoint.RateLimitPerSecond = perSecond;
        await db.SaveChangesAsync(cancellationToken);
        credentials.Forget(endpoint.Id);
        await changes.AnnounceAsync(actor.Identity?.Name ?? "unknown", cancellationToken);
        await auditLog.WriteAsync(actor.Identity?.Name ?? "unknown", "inbound.rate-limit-changed", "Connection",
            connectionId.ToString(System.Globalization.CultureInfo.InvariantCulture), new { from = before, to = perSecond }, cancellationToken);
        return null;
    }

    /// <summary>The receiver's password, for the test-payload button only; never rendered.</summary>
    internal async Task<(string Key, string User, string Password)?> GetTestCredentialsAsync(long connectionId, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.InboundEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.ConnectionId == connectionId, cancellationToken);
        if (endpoint?.ProtectedPassword is null)
        {
            return null;
        }

        return (endpoint.ConnectionKey, endpoint.UserName, Protector(connectionId).Unprotect(endpoint.ProtectedPassword));
    }

    private IDataProtector Protector(long connectionId) =>
        dataProtection.CreateProtector(ProtectorPurpose, connectionId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string NewSecret(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
