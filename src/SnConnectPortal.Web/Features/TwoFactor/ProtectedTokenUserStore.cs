using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.TwoFactor;

/// <summary>
/// Identity's EF user store with one change: the values it keeps in <c>AspNetUserTokens</c> (the authenticator key and
/// the recovery codes) are encrypted with Data Protection, whose key ring is itself encrypted in the database. Identity
/// stores them in clear text otherwise.
/// </summary>
public sealed class ProtectedTokenUserStore(PortalDbContext context, IDataProtectionProvider dataProtection, IdentityErrorDescriber? describer = null)
    : UserStore<PortalUser, IdentityRole, PortalDbContext>(context, describer)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("SnConnectPortal.UserTokens");

    public override Task SetTokenAsync(PortalUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken) =>
        base.SetTokenAsync(user, loginProvider, name, value is null ? null : _protector.Protect(value), cancellationToken);

    public override async Task<string?> GetTokenAsync(PortalUser user, string loginProvider, string name, CancellationToken cancellationToken) =>
        await base.GetTokenAsync(user, loginProvider, name, cancellationToken) is { } stored ? _protector.Unprotect(stored) : null;
}
