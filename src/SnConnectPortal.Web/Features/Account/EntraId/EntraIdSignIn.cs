using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Auditing;

namespace SnConnectPortal.Web.Features.Account.EntraId;

/// <summary>
/// Turns a validated Microsoft Entra ID sign-in into a portal sign-in with the portal's own Identity cookie: finds the
/// portal user linked to the token's tenant and object id (an Identity external login) or creates one, sets their one
/// portal role from the token's app roles or groups (a changed role renews the security stamp, so open pages follow
/// within the revalidation interval), and refuses users without a role or with a disabled account. Audited.
/// </summary>
public sealed class EntraIdSignIn(
    UserManager<PortalUser> users,
    SignInManager<PortalUser> signInManager,
    IOptions<PortalAuthenticationOptions> options,
    AuditLog auditLog,
    TimeProvider timeProvider,
    ILogger<EntraIdSignIn> logger)
{
    /// <summary>The external login provider name in AspNetUserLogins and the authentication method of the portal cookie.</summary>
    public const string LoginProvider = "EntraId";

    /// <summary>Whether the portal session began with a Microsoft Entra ID sign-in (the cookie's authentication method).</summary>
    public static bool SignedInWithEntraId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.AuthenticationMethod) == LoginProvider;

    private const string EntityType = "PortalUser";

    /// <returns>Null when the user is signed in; otherwise why not.</returns>
    public async Task<EntraIdRefusal?> SignInAsync(ClaimsPrincipal external, CancellationToken cancellationToken)
    {
        var tenantId = external.GetTenantId();
        var objectId = external.GetObjectId();
        var userName = external.FindFirstValue("preferred_username");
        if (tenantId is null || objectId is null || string.IsNullOrWhiteSpace(userName))
        {
            logger.LogWarning("Microsoft sign-in refused: the token lacks tid, oid or preferred_username");
            return EntraIdRefusal.NotAccepted;
        }

        var who = new EntraIdAccount(userName, tenantId, objectId);
        var user = await users.FindByLoginAsync(LoginProvider, $"{tenantId}:{objectId}");
        if (user is not null && await users.IsLockedOutAsync(user))
        {
            return await RefuseAsync(who, user, EntraIdRefusal.Disabled, cancellationToken);
        }

        var role = options.Value.EntraId.PortalRoleOf(external);
        if (role is null)
        {
            if (user is not null)
            {
                // Their role was taken away in Entra ID: take the portal role away too, so open pages lose access.
                await SetRoleAsync(who, user, role: null, cancellationToken);
            }

            return await RefuseAsync(who, user, EntraIdRefusal.NoRole, cancellationToken);
        }

        user ??= await CreateAsync(who, external.FindFirstValue("name"), role, cancellationToken);
        if (user is null)
        {
            return await RefuseAsync(who, user, EntraIdRefusal.AccountConflict, cancellationToken);
        }

        await SetRoleAsync(who, user, role, cancellationToken);
        await signInManager.SignInAsync(user, isPersistent: false, authenticationMethod: LoginProvider);
        logger.LogInformation("User {UserName} signed in with Microsoft Entra ID as {Role}", user.UserName, role);
        return null;
    }

    private async Task<PortalUser?> CreateAsync(EntraIdAccount who, string? displayName, string role, CancellationToken cancellationToken)
    {
        var user = new PortalUser
        {
            UserName = who.UserName,
            Email = who.UserName,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            CreatedAt = timeProvider.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user);
        if (result.Succeeded)
        {
            result = await users.AddLoginAsync(user, new UserLoginInfo(LoginProvider, $"{who.TenantId}:{who.ObjectId}", "Microsoft Entra ID"));
        }

        if (!result.Succeeded)
        {
            logger.LogWarning("Microsoft sign-in of {UserName} could not create a portal user: {Errors}", who.UserName, string.Join("; ", result.Errors.Select(e => e.Code)));
            if (user.Id is not null && await users.FindByIdAsync(user.Id) is { } halfCreated)
            {
                await users.DeleteAsync(halfCreated);
            }

            return null;
        }

        await auditLog.WriteAsync(who.UserName, "user.created", EntityType, user.Id,
            new { email = who.UserName, role, signIn = "Microsoft Entra ID", tenantId = who.TenantId, objectId = who.ObjectId }, cancellationToken);
        return user;
    }

    private async Task SetRoleAsync(EntraIdAccount who, PortalUser user, string? role, CancellationToken cancellationToken)
    {
        var current = await users.GetRolesAsync(user);
        if (current.Count == (role is null ? 0 : 1) && (role is null || current.Contains(role)))
        {
            return;
        }

        await users.RemoveFromRolesAsync(user, current);
        if (role is not null)
        {
            await users.AddToRoleAsync(user, role);
        }

        await users.UpdateSecurityStampAsync(user);
        await auditLog.WriteAsync(who.UserName, "user.role-changed", EntityType, user.Id,
            new { from = string.Join(",", current), to = role ?? "", source = "Microsoft Entra ID" }, cancellationToken);
    }

    private async Task<EntraIdRefusal> RefuseAsync(EntraIdAccount who, PortalUser? user, EntraIdRefusal refusal, CancellationToken cancellationToken)
    {
        logger.LogWarning("Microsoft sign-in of {UserName} (tenant {TenantId}, object {ObjectId}) refused: {Refusal}", who.UserName, who.TenantId, who.ObjectId, refusal);
        await auditLog.WriteAsync(who.UserName, "user.sign-in-refused", EntityType, user?.Id,
            new { email = who.UserName, reason = refusal.ToString(), tenantId = who.TenantId, objectId = who.ObjectId }, cancellationToken);
        return refusal;
    }

    private sealed record EntraIdAccount(string UserName, string TenantId, string ObjectId);
}
