using System.Globalization;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow.Queries;

namespace SnConnectPortal.Web.Features.UserDirectory;

/// <summary>
/// Where a run continues: keyset paging over sys_user, stored with every committed page. A full run walks
/// <c>sys_id&gt;last^ORDERBYsys_id</c>. An incremental run walks (sys_updated_on, sys_id): phase
/// <see cref="After"/> reads <c>sys_updated_on&gt;T</c> ordered by both, and phase <see cref="SameSecond"/>
/// drains the rest of second T by sys_id, so that any number of users changed in one second is read exactly once.
/// A full run pages with offsets inside one anchored query (<c>sys_id&gt;anchor</c>), which an instance can serve from
/// one sorted result, and anchors again at the last row it saw when X-Total-Count shows that the table changed
/// underneath. What is stored after each page (<see cref="CheckpointAfter"/>) is anchored at the last committed row,
/// so a resumed run neither repeats nor skips rows. <see cref="Offset"/> past the anchor also steps over pages that
/// ACLs emptied completely, where no row is seen to anchor at.
/// </summary>
/// <param name="AnchorTotal">X-Total-Count of the anchored query when it was first read (full runs; not stored).</param>
public sealed record UserImportCursor(int Phase, DateTime? UpdatedOn, string? SysId, int Offset, long? AnchorTotal = null)
{
    public const int SameSecond = 0;
    public const int After = 1;

    public const string GlideDateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>The department is dot-walked to its name: the reference itself is a sys_id nobody can read.</summary>
    public const string DepartmentName = "department.name";

    private static readonly string[] Fields =
    [
        "sys_id", "user_name", "first_name", "last_name", "name", "email", "title", DepartmentName, "active", "locked_out",
        "sys_updated_on",
    ];

    public static UserImportCursor StartFull() => new(After, null, null, 0);

    /// <summary>Incremental from <paramref name="since"/> inclusive (no sys_id seen yet).</summary>
    public static UserImportCursor StartIncremental(DateTime since) => new(After, since, null, 0);

    public TableQuery Query(UserImportKind kind, int pageSize)
    {
        EncodedQuery query;
        if (kind == UserImportKind.Full)
        {
            query = SysId is null ? EncodedQuery.Create() : EncodedQuery.Create().Where("sys_id", QueryOperator.GreaterThan, SysId);
            query = query.OrderBy("sys_id");
        }
        else if (Phase == SameSecond)
        {
            query = EncodedQuery.Create()
                .Where("sys_updated_on", Glide(UpdatedOn))
                .And("sys_id", QueryOperator.GreaterThan, SysId)
                .OrderBy("sys_id");
        }
        else
        {
            // Before any row is seen the start is inclusive; afterwards second T has been drained already.
            var op = SysId is null ? QueryOperator.GreaterThanOrEqual : QueryOperator.GreaterThan;
            query = EncodedQuery.Create().Where("sys_updated_on", op, Glide(UpdatedOn)).OrderBy("sys_updated_on").OrderBy("sys_id");
        }

        return new TableQuery { Query = query, Fields = Fields, PageSize = pageSize };
    }

    /// <summary>The cursor after a page: <paramref name="last"/> is its last visible row (null for an empty page).</summary>
    /// <returns>The next cursor, or null when the run has read everything.</returns>
    public UserImportCursor? Next(UserImportKind kind, (string SysId, DateTime? UpdatedOn)? last, int pageSize, long? totalAfterCursor, int rowsOnPage)
    {
        // X-Total-Count counts the rows matching this query before ACLs: once this window covers them, the query is done.
        var queryDone = totalAfterCursor is { } total ? Offset + pageSize >= total : rowsOnPage == 0;
        if (kind == UserImportKind.Full)
        {
            if (queryDone)
            {
                return null;
            }

            var changedUnderneath = totalAfterCursor is { } now && AnchorTotal is { } before && now != before;
            return changedUnderneath && last is { } row
                ? new(After, null, row.SysId, 0)
                : this with { Offset = Offset + pageSize, AnchorTotal = AnchorTotal ?? totalAfterCursor };
        }

        if (Phase == SameSecond)
        {
            if (queryDone)
            {
                return new(After, UpdatedOn, SysId ?? "", 0);
            }

            return last is { } row ? this with { SysId = row.SysId, Offset = 0 } : this with { Offset = Offset + pageSize };
        }

        if (queryDone)
        {
            return null;
        }

        if (last is { } seen)
        {
            // Drain the rest of the last row's second (more may share it than fit on a page), then move past it.
            return seen.UpdatedOn is { } updatedOn ? new(SameSecond, updatedOn, seen.SysId, 0) : this with { Offset = Offset + pageSize };
        }

        return this with { Offset = Offset + pageSize };
    }

    /// <summary>What to store after a page: for full runs anchored at the page's last row, so a resume is exact.</summary>
    public UserImportCursor CheckpointAfter(UserImportKind kind, (string SysId, DateTime? UpdatedOn)? last, UserImportCursor? next) =>
        kind == UserImportKind.Full && last is { } row ? new(After, null, row.SysId, 0) : next ?? this;

    public static string Glide(DateTime? value) =>
        (value ?? DateTime.UnixEpoch).ToString(GlideDateTimeFormat, CultureInfo.InvariantCulture);

    public static DateTime? ParseGlide(string value) =>
        DateTime.TryParseExact(value, GlideDateTimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? DateTime.SpecifyKind(parsed, DateTimeKind.Utc)
            : null;
}
