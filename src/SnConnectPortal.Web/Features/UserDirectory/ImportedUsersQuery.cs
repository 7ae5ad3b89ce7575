using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.UserDirectory;

/// <summary>An imported ServiceNow user as the directory list shows it.</summary>
public sealed record ImportedUserRow(long Id, string Name, string UserName, string Email, string Department, bool Active, bool LockedOut, bool Missing);

/// <summary>A page of imported users and how many match in all.</summary>
public sealed record ImportedUserPage(IReadOnlyList<ImportedUserRow> Rows, int Total);

/// <summary>
/// Browses a connection's imported ServiceNow users, server-paged: a search on name, user name, email or department
/// (case-insensitive, contains), ordered by name. Any role may read.
/// </summary>
public sealed class ImportedUsersQuery(IDbContextFactory<PortalDbContext> dbContextFactory)
{
    public const int MaxPageSize = 200;

    public async Task<ImportedUserPage> PageAsync(long connectionId, string? search, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.ServiceNowUsers.AsNoTracking().Where(u => u.ConnectionId == connectionId);
        var key = DirectoryText.Key(search);
        if (key.Length > 0)
        {
            query = query.Where(u => u.NormalizedName.Contains(key) || u.NormalizedUserName.Contains(key) || u.NormalizedEmail.Contains(key) ||
                u.Department.ToUpper().Contains(key));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(u => u.NormalizedName).ThenBy(u => u.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxPageSize))
            .Select(u => new ImportedUserRow(u.Id, u.Name, u.UserName, u.Email, u.Department, u.Active, u.LockedOut, u.MissingSince != null))
            .ToListAsync(cancellationToken);
        return new ImportedUserPage(rows, total);
    }
}
