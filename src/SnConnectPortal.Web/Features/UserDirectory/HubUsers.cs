using System.Globalization;
using System.Security.Claims;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Auditing;
using SnConnectPortal.Web.Validation;

namespace SnConnectPortal.Web.Features.UserDirectory;

/// <summary>A hub user as typed in the form or read from one CSV row.</summary>
public sealed class HubUserInput
{
    public string? ExternalId { get; set; }

    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public string? UserName { get; set; }
}

/// <summary>Why a hub user cannot be saved; <see cref="Field"/> names the input's property it is about (the form shows it there), or is null.</summary>
public sealed record HubUserError(string? Field, string Message)
{
    public override string ToString() => Message;
}

/// <summary>One CSV row that was not imported: its line number and the reason.</summary>
public sealed record CsvRowError(int Line, string Message);

/// <summary>What a CSV import did: rows added and updated, and every rejected row with why.</summary>
public sealed record HubUserImportResult(int Added, int Updated, IReadOnlyList<CsvRowError> Errors, string? FileError = null)
{
    public bool FileRejected => FileError is not null;
}

/// <summary>
/// The hub's users to map: created one by one or imported from CSV. Rows are keyed by
/// external id when given, else by email; an imported row with a known key updates that user. Bad rows are reported
/// with their line and never stop the good ones. Admins and Operators change them; every change is audited.
/// </summary>
public sealed class HubUsers(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    AuditLog auditLog,
    TimeProvider timeProvider,
    IOptions<DirectoryOptions> options)
{
    private const string EntityType = "HubUser";
    private const int BatchSize = 500;
    private static readonly HubUserInputValidator Validator = new();

    /// <summary>The CSV columns, in the order the template and the export use.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } = ["external_id", "display_name", "email", "user_name"];

    public async Task<(long? Id, IReadOnlyList<HubUserError> Errors)> CreateAsync(ClaimsPrincipal actor, HubUserInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!DirectoryRoles.CanChange(actor))
        {
            return (null, [new HubUserError(null, DirectoryRoles.NotAllowed)]);
        }

        var (user, errors) = Validate(input);
        if (user is null)
        {
            return (null, errors);
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        if (await FindExistingAsync(db, [user], cancellationToken) is { Count: > 0 })
        {
            return (null, [user.ExternalId is not null
                ? new HubUserError(nameof(HubUserInput.ExternalId), $"A hub user with the external id {user.ExternalId} already exists.")
                : new HubUserError(nameof(HubUserInput.Email), $"A hub user with the email {user.Email} already exists.")]);
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        user.CreatedAt = now;
        user.UpdatedAt = now;
        user.CreatedBy = DirectoryRoles.NameOf(actor);
        db.HubUsers.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(user.CreatedBy, "hubuser.created", EntityType, user.Id.ToString(CultureInfo.InvariantCulture),
            new { user.ExternalId, user.DisplayName, user.Email, user.UserName }, cancellationToken);
        return (user.Id, []);
    }

    /// <summary>
    /// Imports a CSV with a header row (<c>external_id, display_name, email, user_name</c>; any order, case-insensitive).
    /// Reads the stream once, in batches; a file over the size or row limit is rejected with the reason.
    /// </summary>
    public async Task<HubUserImportResult> ImportCsvAsync(ClaimsPrincipal actor, Stream csv, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(csv);
        if (!DirectoryRoles.CanChange(actor))
        {
            return new(0, 0, [], DirectoryRoles.NotAllowed);
        }

        var limits = options.Value;
        var errors = new List<CsvRowError>();
        var added = 0;
        var updated = 0;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var batch = new List<(int Line, HubUser User)>(BatchSize);
        var actorName = DirectoryRoles.NameOf(actor);
        var readerOptions = new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            // One bad quote must not swallow the rest of the file: a line break always ends a record.
            AllowLineBreaksInQuotes = false,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = bad => errors.Add(new CsvRowError((int)bad.LineNumber, $"The row is not valid CSV ({bad.Reason}) and was skipped.")),
            MaxRecordSize = 64 * 1024,
            NormalizeHeaderName = name => name.Trim().ToLowerInvariant().Replace(' ', '_'),
        };

        var limited = new LimitedStream(csv, limits.MaxCsvBytes);
        await using var parser = CsvReader.Create(limited, readerOptions, leaveOpen: false);
        var line = 1;
        try
        {
            await parser.ReadHeaderAsync(cancellationToken);
            var columns = CsvColumns.ToDictionary(c => c, c => parser.TryGetFieldIndex(c, out var index) ? index : -1, StringComparer.Ordinal);
            if (parser.Headers.Count == 0 || (columns["display_name"] < 0 && columns["email"] < 0))
            {
                return new(0, 0, [], parser.Headers.Count == 0
                    ? "The file is empty: it needs a header row (external_id, display_name, email, user_name) and one row per user."
                    : $"The header row must name at least display_name or email (found: {DirectoryText.Cut(string.Join(", ", parser.Headers), 200)}).");
            }

            var rows = 0;
            while (await parser.ReadAsync(cancellationToken))
            {
                line = (int)parser.LineNumber;
                if (++rows > limits.MaxCsvRows)
                {
                    errors.Add(new CsvRowError(line, $"The file has more than {limits.MaxCsvRows:N0} rows; this row and the rest were not imported."));
                    break;
                }

                var input = new HubUserInput
                {
                    ExternalId = Field(parser, columns["external_id"]),
                    DisplayName = Field(parser, columns["display_name"]),
                    Email = Field(parser, columns["email"]),
                    UserName = Field(parser, columns["user_name"]),
                };
                var (user, rowErrors) = Validate(input);
                if (user is null)
                {
                    errors.Add(new CsvRowError(line, string.Join(" ", rowErrors)));
                    continue;
                }

                var key = KeyOf(user);
                if (seen.TryGetValue(key, out var firstLine))
                {
                    errors.Add(new CsvRowError(line, $"Same {(user.ExternalId is null ? "email" : "external id")} as line {firstLine}; this row was skipped."));
                    continue;
                }

                seen[key] = line;
                batch.Add((line, user));
                if (batch.Count == BatchSize)
                {
                    var (a, u) = await SaveBatchAsync(batch, actorName, errors, cancellationToken);
                    added += a;
                    updated += u;
                    batch.Clear();
                }
            }
        }
        catch (CsvSizeLimitException)
        {
            errors.Add(new CsvRowError(line, $"The file is larger than {limits.MaxCsvBytes / 1024 / 1024} MB; the rows after line {line} were not read."));
        }
        catch (Exception e) when (e is CsvFormatException or DecoderFallbackException or InvalidDataException)
        {
            errors.Add(new CsvRowError(line, "The file could not be read after this line: " + DirectoryText.Cut(e.Message.Split('\n')[0], 200)));
        }

        if (batch.Count > 0)
        {
            var (a, u) = await SaveBatchAsync(batch, actorName, errors, cancellationToken);
            added += a;
            updated += u;
        }

        await auditLog.WriteAsync(actorName, "hubuser.csv-imported", EntityType, null, new { added, updated, rejected = errors.Count }, cancellationToken);
        return new(added, updated, errors);
    }

    private async Task<(int Added, int Updated)> SaveBatchAsync(List<(int Line, HubUser User)> batch, string actorName, List<CsvRowError> errors, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var existing = await FindExistingAsync(db, batch.Select(b => b.User).ToList(), cancellationToken);
        var added = 0;
        var updated = 0;
        foreach (var (line, incoming) in batch)
        {
            var match = existing.FirstOrDefault(e => incoming.ExternalId is not null
                ? e.ExternalId == incoming.ExternalId
                : e.ExternalId is null && e.NormalizedEmail == incoming.NormalizedEmail);
            if (match is null)
            {
                incoming.CreatedAt = now;
                incoming.UpdatedAt = now;
                incoming.CreatedBy = actorName;
                db.HubUsers.Add(incoming);
                added++;
            }
            else if (match.DisplayName != incoming.DisplayName || match.Email != incoming.Email || match.UserName != incoming.UserName)
            {
                match.DisplayName = incoming.DisplayName;
                match.Email = incoming.Email;
                match.UserName = incoming.UserName;
                match.NormalizedEmail = incoming.NormalizedEmail;
                match.NormalizedUserName = incoming.NormalizedUserName;
                match.NormalizedName = incoming.NormalizedName;
                match.UpdatedAt = now;
                updated++;
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (added, updated);
        }
        catch (DbUpdateException e)
        {
            errors.Add(new CsvRowError(batch[0].Line, $"Rows {batch[0].Line}–{batch[^1].Line} could not be saved: {DirectoryText.Cut(e.InnerException?.Message ?? e.Message, 200)}"));
            return (0, 0);
        }
    }

    private static async Task<List<HubUser>> FindExistingAsync(PortalDbContext db, IReadOnlyCollection<HubUser> users, CancellationToken cancellationToken)
    {
        var externalIds = users.Where(u => u.ExternalId is not null).Select(u => u.ExternalId!).ToList();
        var emails = users.Where(u => u.ExternalId is null).Select(u => u.NormalizedEmail).ToList();
        return await db.HubUsers.Where(h => (h.ExternalId != null && externalIds.Contains(h.ExternalId)) ||
                (h.ExternalId == null && emails.Contains(h.NormalizedEmail)))
            .ToListAsync(cancellationToken);
    }

    private static string? Field(CsvReader parser, int index) =>
        index >= 0 && index < parser.FieldCount && parser.GetString(index) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string KeyOf(HubUser user) => user.ExternalId is not null ? "id:" + user.ExternalId : "email:" + user.NormalizedEmail;

    /// <summary>The hub user the input describes, or the reasons it cannot be one (<see cref="HubUserInputValidator"/>).</summary>
    public static (HubUser? User, IReadOnlyList<HubUserError> Errors) Validate(HubUserInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = Validator.Validate(input);
        if (!result.IsValid)
        {
            return (null, result.Errors.Select(error => new HubUserError(error.PropertyName, error.ErrorMessage)).ToList());
        }

        var email = HubUserInputValidator.Clean(input.Email);
        var userName = HubUserInputValidator.Clean(input.UserName);
        var displayName = HubUserInputValidator.Clean(input.DisplayName) ?? email!;
        return (new HubUser
        {
            ExternalId = HubUserInputValidator.Clean(input.ExternalId),
            DisplayName = displayName,
            Email = email,
            UserName = userName,
            NormalizedEmail = DirectoryText.Key(email),
            NormalizedUserName = DirectoryText.Key(userName),
            NormalizedName = DirectoryText.NameKey(displayName),
            CreatedBy = "",
        }, []);
    }

    /// <summary>Thrown when more than the allowed bytes are read.</summary>
    private sealed class CsvSizeLimitException : IOException
    {
        public CsvSizeLimitException()
            : base("The file is too large.")
        {
        }
    }

    /// <summary>Reads at most a number of bytes from the inner stream, then throws.</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > limit ? throw new CsvSizeLimitException() : read;
        }
    }
}
