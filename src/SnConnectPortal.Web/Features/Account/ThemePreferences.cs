using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Account;

/// <summary>Each portal user's light, dark or follow-the-browser choice, kept with their account.</summary>
public sealed class ThemePreferences(IServiceScopeFactory scopeFactory)
{
    public async Task<ThemePreference> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (UserId(user) is not { } id)
        {
            return ThemePreference.System;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.Users.Where(u => u.Id == id).Select(u => u.ThemePreference).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task SetAsync(ClaimsPrincipal user, ThemePreference preference, CancellationToken cancellationToken)
    {
        if (UserId(user) is not { } id)
        {
            return;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(set => set.SetProperty(u => u.ThemePreference, preference), cancellationToken);
    }

    private static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);
}
