using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Auditing;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Features.ApiKeys;

/// <summary>
/// Lists, creates and revokes API keys, for Admins only (the page is protected too, but the rule lives here); creating
/// and revoking are audited. A created key is returned once and only its hash is stored.
/// </summary>
public sealed class ApiKeyAdministration(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    AuditLog auditLog,
    TimeProvider timeProvider,
    IValidator<NewApiKey> validator)
{
    private const string EntityType = "ApiKey";
    private const string NotAllowed = "Only an Admin can manage API keys.";

    public async Task<IReadOnlyList<ApiKeySummary>> ListAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).ToListAsync(cancellationToken);
        return [.. keys.Select(k => new ApiKeySummary(k.Id, k.Name, k.Prefix, ScopesOf(k), k.CreatedBy, k.CreatedAt, k.LastUsedAt, k.ExpiresAt,
            k.RevokedAt, k.RevokedBy,
            k.RevokedAt is not null ? ApiKeyState.Revoked : k.ExpiresAt <= now ? ApiKeyState.Expired : ApiKeyState.Active))];
    }

    public async Task<ServiceResult<CreatedApiKey>> CreateAsync(ClaimsPrincipal actor, NewApiKey input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!actor.IsInRole(PortalRoles.Admin))
        {
            return ServiceResult<CreatedApiKey>.Forbidden(NotAllowed);
        }

        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            return new ServiceResult<CreatedApiKey>(null, [.. validation.Errors.Select(e => e.ErrorMessage)],
                validation.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage));
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var (key, prefix) = ApiKeySecret.Generate();
        var scopes = ApiKeyScopes.All.Select(s => s.Name).Where(input.Scopes.Contains).ToList();
        var apiKey = new ApiKey
        {
            Name = input.Name.Trim(),
            Prefix = prefix,
            Hash = ApiKeySecret.Hash(key),
            Scopes = string.Join(' ', scopes),
            CreatedAt = now,
            CreatedBy = NameOf(actor),
            ExpiresAt = input.ExpiresInDays is { } days ? now.AddDays(days) : null,
        };
        await using (var db = await dbContextFactory.CreateDbContextAsync(cancellationToken))
        {
            db.ApiKeys.Add(apiKey);
            await db.SaveChangesAsync(cancellationToken);
        }

        await AuditAsync(actor, "apikey.created", apiKey, new { name = apiKey.Name, prefix, scopes, expiresAt = apiKey.ExpiresAt }, cancellationToken);
        return ServiceResult<CreatedApiKey>.Ok(new CreatedApiKey(apiKey.Id, apiKey.Name, key));
    }

    public async Task<ServiceResult> RevokeAsync(ClaimsPrincipal actor, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(PortalRoles.Admin))
        {
            return ServiceResult.Forbidden(NotAllowed);
        }

        ApiKey? apiKey;
        await using (var db = await dbContextFactory.CreateDbContextAsync(cancellationToken))
        {
            apiKey = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
            if (apiKey is null)
            {
                return ServiceResult.NotFound("That API key does not exist.");
            }

            if (apiKey.RevokedAt is not null)
            {
                return ServiceResult.Conflict($"The API key {apiKey.Name} is already revoked.");
            }

            apiKey.RevokedAt = timeProvider.GetUtcNow().UtcDateTime;
            apiKey.RevokedBy = NameOf(actor);
            await db.SaveChangesAsync(cancellationToken);
        }

        await AuditAsync(actor, "apikey.revoked", apiKey, new { name = apiKey.Name, prefix = apiKey.Prefix }, cancellationToken);
        return ServiceResult.Success;
    }

    private static List<string> ScopesOf(ApiKey key) => [.. key.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)];

    private static string NameOf(ClaimsPrincipal actor) => actor.Identity?.Name ?? "unknown";

    private Task AuditAsync(ClaimsPrincipal actor, string action, ApiKey apiKey, object details, CancellationToken cancellationToken) =>
        auditLog.WriteAsync(NameOf(actor), action, EntityType, apiKey.Id.ToString(CultureInfo.InvariantCulture), details, cancellationToken);
}
