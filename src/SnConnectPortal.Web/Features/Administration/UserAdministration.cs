using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Auditing;
using SnConnectPortal.Web.Features.Account.EntraId;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Validation;

namespace SnConnectPortal.Web.Features.Administration;

/// <summary>
/// Creates users, sets roles, disables and enables them and resets passwords (creating and password resets only while
/// local accounts are on). Every action checks that the caller
/// is an Admin (the page is protected too, but the rule lives here) and is written to the audit log.
/// A disabled user is locked out until the end of time; users are never deleted. A singleton: each action gets its
/// own scope (and so its own DbContext), as a Blazor circuit outlives any one action.
/// </summary>
public sealed class UserAdministration(
    IServiceScopeFactory scopeFactory,
    AuditLog auditLog,
    TimeProvider timeProvider,
    IValidator<NewPortalUser> newUserValidator,
    IOptions<PortalAuthenticationOptions> authentication)
{
    /// <summary>Why there is no "Add a user" with local accounts off, and what to do instead.</summary>
    public const string LocalAccountsOffText =
        "Local accounts are off (Authentication:LocalAccounts=false): people sign in with Microsoft. To let someone in, assign them " +
        "one of the portal's app roles in Microsoft Entra ID; their portal user is created at their first sign-in.";

    private const string EntityType = "PortalUser";

    public Task<IReadOnlyList<PortalUserSummary>> ListAsync(CancellationToken cancellationToken) =>
        WithUsersAsync(users => ListCoreAsync(users, cancellationToken));

    public Task<ServiceResult> CreateAsync(ClaimsPrincipal actor, NewPortalUser input, CancellationToken cancellationToken) =>
        WithUsersAsync(users => CreateCoreAsync(users, actor, input, cancellationToken));

    public Task<ServiceResult> SetRoleAsync(ClaimsPrincipal actor, string userId, string role, CancellationToken cancellationToken) =>
        WithUsersAsync(users => SetRoleCoreAsync(users, actor, userId, role, cancellationToken));

    public Task<ServiceResult> SetDisabledAsync(ClaimsPrincipal actor, string userId, bool disabled, CancellationToken cancellationToken) =>
        WithUsersAsync(users => SetDisabledCoreAsync(users, actor, userId, disabled, cancellationToken));

    public Task<ServiceResult> ResetPasswordAsync(ClaimsPrincipal actor, string userId, string newPassword, CancellationToken cancellationToken) =>
        WithUsersAsync(users => ResetPasswordCoreAsync(users, actor, userId, newPassword, cancellationToken));

    /// <summary>
    /// Turns a user's two-factor sign-in off and discards their authenticator key and recovery codes, for a lost phone;
    /// the user is signed out within a minute and enrols again (at once, if an Admin requires two-factor sign-in).
    /// </summary>
    public Task<ServiceResult> ResetTwoFactorAsync(ClaimsPrincipal actor, string userId, CancellationToken cancellationToken) =>
        WithUsersAsync(users => ResetTwoFactorCoreAsync(users, actor, userId, cancellationToken));

    private async Task<T> WithUsersAsync<T>(Func<UserManager<PortalUser>, Task<T>> action)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>());
    }

    private async Task<IReadOnlyList<PortalUserSummary>> ListCoreAsync(UserManager<PortalUser> users, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var summaries = new List<PortalUserSummary>(all.Count);
        foreach (var user in all)
        {
            var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
            summaries.Add(new PortalUserSummary(user.Id, user.Email ?? user.UserName ?? "", user.DisplayName, role, StatusOf(user, now), user.CreatedAt, user.TwoFactorEnabled));
        }

        return summaries;
    }

    private async Task<ServiceResult> CreateCoreAsync(UserManager<PortalUser> users, ClaimsPrincipal actor, NewPortalUser input, CancellationToken cancellationToken)
    {
        if (!actor.IsInRole(PortalRoles.Admin))
        {
            return NotAllowed();
        }

        if (!authentication.Value.LocalAccounts)
        {
            return LocalAccountsOff();
        }

        var validation = await newUserValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            return new ServiceResult(
                validation.Errors.Select(e => e.ErrorMessage).ToList(),
                validation.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage));
        }

        var email = input.Email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return ServiceResult.Fail($"A user with the email {email} already exists.");
        }

        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(input.DisplayName) ? null : input.DisplayName.Trim(),
            CreatedAt = timeProvider.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, input.Password);
        if (!created.Succeeded)
        {
            return Failed(created);
        }

        var roleAdded = await users.AddToRoleAsync(user, input.Role);
        if (!roleAdded.Succeeded)
        {
            return Failed(roleAdded);
        }

        await AuditAsync(actor, "user.created", user, new { email, role = input.Role }, cancellationToken);
        return ServiceResult.Success;
    }

    private async Task<ServiceResult> SetRoleCoreAsync(UserManager<PortalUser> users, ClaimsPrincipal actor, string userId, string role, CancellationToken cancellationToken)
    {
        if (!actor.IsInRole(PortalRoles.Admin))
        {
            return NotAllowed();
        }

        if (!PortalRoles.All.Contains(role))
        {
            return ServiceResult.Fail("Choose Admin, Operator or Viewer.");
        }

        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return UserNotFound();
        }

        var current = await users.GetRolesAsync(user);
        if (current.SequenceEqual([role]))
        {
            return ServiceResult.Success;
        }

        if (current.Contains(PortalRoles.Admin) && await IsLastActiveAdminAsync(users, user, cancellationToken))
        {
            return ServiceResult.Fail("This is the only active Admin. Make another user Admin first.");
        }

        var removed = await users.RemoveFromRolesAsync(user, current);
        var added = removed.Succeeded ? await users.AddToRoleAsync(user, role) : removed;
        if (!added.Succeeded)
        {
            return Failed(added);
        }

        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(actor, "user.role-changed", user, new { from = string.Join(",", current), to = role }, cancellationToken);
        return ServiceResult.Success;
    }

    private async Task<ServiceResult> SetDisabledCoreAsync(UserManager<PortalUser> users, ClaimsPrincipal actor, string userId, bool disabled, CancellationToken cancellationToken)
    {
        if (!actor.IsInRole(PortalRoles.Admin))
        {
            return NotAllowed();
        }

        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return UserNotFound();
        }

        if (disabled)
        {
            if (user.Id == users.GetUserId(actor))
            {
                return ServiceResult.Fail("You cannot disable your own account.");
            }

            if (await users.IsInRoleAsync(user, PortalRoles.Admin) && await IsLastActiveAdminAsync(users, user, cancellationToken))
            {
                return ServiceResult.Fail("This is the only active Admin. Make another user Admin first.");
            }

            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user);
        }
        else
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }

        await AuditAsync(actor, disabled ? "user.disabled" : "user.enabled", user, null, cancellationToken);
        return ServiceResult.Success;
    }

    private async Task<ServiceResult> ResetPasswordCoreAsync(UserManager<PortalUser> users, ClaimsPrincipal actor, string userId, string newPassword, CancellationToken cancellationToken)
    {
        if (!actor.IsInRole(PortalRoles.Admin))
        {
            return NotAllowed();
        }

        if (!authentication.Value.LocalAccounts)
        {
            return LocalAccountsOff();
        }

        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return UserNotFound();
        }

        if (newPassword is { Length: > FieldLengths.PortalUserPassword })
        {
            return ServiceResult.Fail(LengthLimit.Message("A password", FieldLengths.PortalUserPassword));
        }

        // Validate before removing the old password, so that a rejected password never leaves the user without one.
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, user, newPassword ?? "");
            if (!valid.Succeeded)
            {
                return Failed(valid);
            }
        }

        var removed = await users.RemovePasswordAsync(user);
        var added = removed.Succeeded ? await users.AddPasswordAsync(user, newPassword!) : removed;
        if (!added.Succeeded)
        {
            return Failed(added);
        }

        await users.ResetAccessFailedCountAsync(user);
        if (StatusOf(user, timeProvider.GetUtcNow()) == PortalUserStatus.LockedOut)
        {
            await users.SetLockoutEndDateAsync(user, null);
        }

        await AuditAsync(actor, "user.password-reset", user, null, cancellationToken);
        return ServiceResult.Success;
    }

    private async Task<ServiceResult> ResetTwoFactorCoreAsync(UserManager<PortalUser> users, ClaimsPrincipal actor, string userId, CancellationToken cancellationToken)
    {
        if (!actor.IsInRole(PortalRoles.Admin))
        {
            return NotAllowed();
        }

        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return UserNotFound();
        }

        if (!user.TwoFactorEnabled)
        {
            return ServiceResult.Conflict($"{user.Email} has no second factor to reset.");
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await users.ResetAuthenticatorKeyAsync(user);
        await AuditAsync(actor, "user.two-factor-reset", user, null, cancellationToken);
        return ServiceResult.Success;
    }

    public static PortalUserStatus StatusOf(PortalUser user, DateTimeOffset now) => user.LockoutEnd switch
    {
        { } end when end == DateTimeOffset.MaxValue => PortalUserStatus.Disabled,
        { } end when end > now => PortalUserStatus.LockedOut,
        _ => PortalUserStatus.Active,
    };

    private async Task<bool> IsLastActiveAdminAsync(UserManager<PortalUser> users, PortalUser user, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var admins = await users.GetUsersInRoleAsync(PortalRoles.Admin);
        cancellationToken.ThrowIfCancellationRequested();
        return admins.Where(a => a.Id != user.Id).All(a => StatusOf(a, now) == PortalUserStatus.Disabled);
    }

    private Task AuditAsync(ClaimsPrincipal actor, string action, PortalUser user, object? details, CancellationToken cancellationToken) =>
        auditLog.WriteAsync(actor.Identity?.Name ?? "unknown", action, EntityType, user.Id, details ?? new { email = user.Email }, cancellationToken);

    private static ServiceResult Failed(IdentityResult result) => new(result.Errors.Select(e => e.Description).ToList());

    private static ServiceResult NotAllowed() => ServiceResult.Fail("Only an Admin can manage users.");

    /// <summary>With local accounts off nobody signs in with a password, so the portal neither makes accounts with one nor sets one.</summary>
    private static ServiceResult LocalAccountsOff() => ServiceResult.Fail(LocalAccountsOffText);

    private static ServiceResult UserNotFound() => ServiceResult.Fail("That user no longer exists.");
}
