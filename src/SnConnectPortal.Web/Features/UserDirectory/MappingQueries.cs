using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.UserDirectory;

/// <summary>
/// Reads the mapping grid server-side (filter, search, paging in the database) and writes it as CSV, streamed in
/// batches. Any role may read.
/// </summary>
public sealed class MappingQueries(IDbContextFactory<PortalDbContext> dbContextFactory)
{
    private const int ExportBatchSize = 1_000;

    public async Task<MappingPage> PageAsync(long connectionId, MappingFilter filter, string? search, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var query = Rows(db, connectionId, filter, search);
        var total = await query.CountAsync(cancellationToken);
        var rows = await Project(db, connectionId, query.OrderBy(r => r.Hub.NormalizedName).ThenBy(r => r.Hub.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))).ToListAsync(cancellationToken);
        return new MappingPage(rows, total);
    }

    /// <summary>The connections whose users can be imported and mapped, by name.</summary>
    public async Task<IReadOnlyList<DirectoryConnection>> ConnectionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var connections = await db.Connections.AsNoTracking().Where(c => c.DeletedAt == null).OrderBy(c => c.Name)
            .Select(c => new DirectoryConnection(c.Id, c.Name, c.Status, db.ServiceNowUsers.Count(u => u.ConnectionId == c.Id && u.MissingSince == null)))
            .ToListAsync(cancellationToken);
        return connections;
    }

    /// <summary>The connection's latest import runs, newest first.</summary>
    public async Task<IReadOnlyList<UserImportRun>> RecentRunsAsync(long connectionId, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        return await db.UserImportRuns.AsNoTracking().Where(r => r.ConnectionId == connectionId)
            .OrderByDescending(r => r.Id).Take(take).ToListAsync(cancellationToken);
    }

    public async Task<MappingCounts> CountsAsync(long connectionId, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        return new MappingCounts(
            await Rows(db, connectionId, MappingFilter.All, null).CountAsync(cancellationToken),
            await Rows(db, connectionId, MappingFilter.Unmapped, null).CountAsync(cancellationToken),
            await Rows(db, connectionId, MappingFilter.Suggested, null).CountAsync(cancellationToken),
            await Rows(db, connectionId, MappingFilter.Conflicts, null).CountAsync(cancellationToken),
            await Rows(db, connectionId, MappingFilter.Mapped, null).CountAsync(cancellationToken));
    }

    /// <summary>
    /// Writes every row of the filter as CSV. Cells that a spreadsheet would run as a formula (starting with
    /// = + - @, tab or carriage return) are prefixed with an apostrophe.
    /// </summary>
    public async Task WriteCsvAsync(long connectionId, MappingFilter filter, Stream output, CancellationToken cancellationToken)
    {
        // CsvHelper escapes formula-like cells itself (CsvInjection.Escape); SafeCell does the same, so the rule is tested here.
        await using var csv = CsvWriter.Create(output, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        foreach (var column in new[]
        {
            "external_id", "display_name", "email", "user_name", "state", "servicenow_sys_id", "servicenow_user_name",
            "servicenow_name", "servicenow_email", "servicenow_active", "method", "confidence", "suggested_sys_id",
            "suggested_user_name", "suggestion_rule", "suggestion_confidence", "conflicts",
        })
        {
            csv.WriteField(column);
        }

        await csv.EndRecordAsync(cancellationToken);
        long lastId = 0;
        while (true)
        {
            List<MappingRow> batch;
            await using (var db = await dbContextFactory.CreateDbContextAsync(cancellationToken))
            {
                batch = await Project(db, connectionId, Rows(db, connectionId, filter, null).Where(r => r.Hub.Id > lastId)
                    .OrderBy(r => r.Hub.Id).Take(ExportBatchSize)).ToListAsync(cancellationToken);
            }

            if (batch.Count == 0)
            {
                break;
            }

            foreach (var row in batch)
            {
                foreach (var cell in Cells(row))
                {
                    csv.WriteField(SafeCell(cell));
                }

                await csv.EndRecordAsync(cancellationToken);
            }

            lastId = batch[^1].HubUserId;
            await csv.FlushAsync(cancellationToken);
        }
    }

    /// <summary>The cell as text a spreadsheet shows but never evaluates.</summary>
    public static string SafeCell(string? value) =>
        string.IsNullOrEmpty(value) ? "" : value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static IEnumerable<string?> Cells(MappingRow row) =>
    [
        row.ExternalId, row.DisplayName, row.Email, row.UserName, row.State, row.Mapped?.SysId, row.Mapped?.UserName, row.Mapped?.Name,
        row.Mapped?.Email, row.Mapped is null ? null : row.Mapped.Active && !row.Mapped.Missing ? "true" : "false", row.Method,
        row.Confidence?.ToString(CultureInfo.InvariantCulture), row.Suggested?.SysId, row.Suggested?.UserName, row.SuggestionRule,
        row.SuggestionConfidence?.ToString(CultureInfo.InvariantCulture), string.Join(" ", row.Conflicts),
    ];

    /// <summary>A hub user and its mapping on the connection; a class with setters so that EF can translate it.</summary>
    private sealed class Joined
    {
        public required HubUser Hub { get; init; }

        public UserMapping? Mapping { get; init; }
    }

    private static IQueryable<Joined> Rows(PortalDbContext db, long connectionId, MappingFilter filter, string? search)
    {
        var query =
            from h in db.HubUsers
            join m in db.UserMappings.Where(m => m.ConnectionId == connectionId) on h.Id equals m.HubUserId into ms
            from m in ms.DefaultIfEmpty()
            select new Joined { Hub = h, Mapping = m };

        var key = DirectoryText.Key(search);
        if (key.Length > 0)
        {
            query = query.Where(r => r.Hub.NormalizedName.Contains(key) || r.Hub.NormalizedEmail.Contains(key) ||
                r.Hub.NormalizedUserName.Contains(key) || (r.Hub.ExternalId != null && r.Hub.ExternalId.Contains(search!.Trim())));
        }

        return filter switch
        {
            MappingFilter.Unmapped => query.Where(r => r.Mapping == null || r.Mapping.ServiceNowUserId == null),
            MappingFilter.Suggested => query.Where(r => r.Mapping != null && r.Mapping.ServiceNowUserId == null && r.Mapping.SuggestedServiceNowUserId != null),
            MappingFilter.Mapped => query.Where(r => r.Mapping != null && r.Mapping.ServiceNowUserId != null),
            MappingFilter.Conflicts => query.Where(r => r.Mapping != null && r.Mapping.ServiceNowUserId != null && (
                db.ServiceNowUsers.Any(u => u.Id == r.Mapping.ServiceNowUserId && (!u.Active || u.LockedOut || u.MissingSince != null)) ||
                db.UserMappings.Any(o => o.ConnectionId == connectionId && o.ServiceNowUserId == r.Mapping.ServiceNowUserId && o.HubUserId != r.Hub.Id))),
            _ => query,
        };
    }

    private static IQueryable<MappingRow> Project(PortalDbContext db, long connectionId, IQueryable<Joined> rows) =>
        rows.Select(r => new MappingRow(
            r.Hub.Id,
            r.Hub.ExternalId,
            r.Hub.DisplayName,
            r.Hub.Email,
            r.Hub.UserName,
            r.Mapping == null ? null : db.ServiceNowUsers.Where(u => u.Id == r.Mapping.ServiceNowUserId)
                .Select(u => new ServiceNowUserSummary(u.Id, u.SysId, u.UserName, u.Name, u.Email, u.Active, u.LockedOut, u.MissingSince != null)).FirstOrDefault(),
            r.Mapping == null ? null : r.Mapping.Method,
            r.Mapping == null ? null : r.Mapping.Confidence,
            r.Mapping == null ? null : db.ServiceNowUsers.Where(u => u.Id == r.Mapping.SuggestedServiceNowUserId)
                .Select(u => new ServiceNowUserSummary(u.Id, u.SysId, u.UserName, u.Name, u.Email, u.Active, u.LockedOut, u.MissingSince != null)).FirstOrDefault(),
            r.Mapping == null ? null : r.Mapping.SuggestionRule,
            r.Mapping == null ? null : r.Mapping.SuggestionConfidence,
            r.Mapping == null ? null : r.Mapping.SuggestionReason,
            r.Mapping == null || r.Mapping.ServiceNowUserId == null ? 0 :
                db.UserMappings.Count(o => o.ConnectionId == connectionId && o.ServiceNowUserId == r.Mapping.ServiceNowUserId && o.HubUserId != r.Hub.Id)));
}
