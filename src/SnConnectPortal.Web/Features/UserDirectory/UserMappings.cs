using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.UserDirectory;

/// <summary>
/// The mapping of hub users to imported ServiceNow users on one connection: auto-match suggestions, accepting them
/// one by one or in bulk above a confidence, mapping by hand, unmapping. Admins and Operators; every change is
/// written to the audit log (entity type UserMapping) in the same transaction as the change.
/// </summary>
public sealed class UserMappings(IDbContextFactory<PortalDbContext> dbContextFactory, TimeProvider timeProvider, MappingVersion version)
{
    private const string EntityType = "UserMapping";
    private const int BatchSize = 500;

    /// <summary>Computes suggestions for every hub user that has no accepted mapping on the connection.</summary>
    public async Task<ServiceResult<int>> SuggestAsync(ClaimsPrincipal actor, long connectionId, CancellationToken cancellationToken)
    {
        if (!DirectoryRoles.CanChange(actor))
        {
            return ServiceResult<int>.Fail(DirectoryRoles.NotAllowed);
        }

        var suggested = 0;
        long lastId = 0;
        while (true)
        {
            var now = timeProvider.GetUtcNow().UtcDateTime;
            await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
            var hubUsers = await db.HubUsers.AsNoTracking().Where(h => h.Id > lastId).OrderBy(h => h.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (hubUsers.Count == 0)
            {
                break;
            }

            lastId = hubUsers[^1].Id;
            var ids = hubUsers.Select(h => h.Id).ToList();
            var mappings = await db.UserMappings.Where(m => m.ConnectionId == connectionId && ids.Contains(m.HubUserId)).ToDictionaryAsync(m => m.HubUserId, cancellationToken);
            var open = hubUsers.Where(h => !mappings.TryGetValue(h.Id, out var m) || m.ServiceNowUserId is null).ToList();
            var subjects = open.ToDictionary(h => h.Id, h => MatchSubject.Of(h.Email, h.UserName, h.DisplayName));
            var candidates = await CandidatesAsync(db, connectionId, subjects.Values, cancellationToken);
            foreach (var hubUser in open)
            {
                var subject = subjects[hubUser.Id];
                var suggestion = UserMatcher.Suggest(subject, candidates.Where(c => Related(subject, c)).ToList());
                if (!mappings.TryGetValue(hubUser.Id, out var mapping))
                {
                    if (suggestion is null)
                    {
                        continue;
                    }

                    mapping = new UserMapping { ConnectionId = connectionId, HubUserId = hubUser.Id };
                    db.UserMappings.Add(mapping);
                }

                mapping.SuggestedServiceNowUserId = suggestion?.ServiceNowUserId;
                mapping.SuggestionRule = suggestion?.Rule.ToString();
                mapping.SuggestionConfidence = suggestion?.Confidence;
                mapping.SuggestionReason = suggestion?.Reason;
                mapping.SuggestedAt = suggestion is null ? null : now;
                suggested += suggestion is null ? 0 : 1;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await using (var db = await dbContextFactory.CreateDbContextAsync(cancellationToken))
        {
            Audit(db, actor, "usermapping.suggested", connectionId.ToString(CultureInfo.InvariantCulture), new { connectionId, suggested });
            await db.SaveChangesAsync(cancellationToken);
        }

        return ServiceResult<int>.Ok(suggested);
    }

    /// <summary>Accepts the hub user's current suggestion.</summary>
    public async Task<ServiceResult> AcceptAsync(ClaimsPrincipal actor, long connectionId, long hubUserId, CancellationToken cancellationToken)
    {
        if (!DirectoryRoles.CanChange(actor))
        {
            return ServiceResult.Fail(DirectoryRoles.NotAllowed);
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var mapping = await db.UserMappings.FirstOrDefaultAsync(m => m.ConnectionId == connectionId && m.HubUserId == hubUserId, cancellationToken);
        if (mapping?.SuggestedServiceNowUserId is null)
        {
            return ServiceResult.Fail("This hub user has no suggestion to accept.");
        }

        Accept(db, actor, mapping);
        await DropStaleSuggestionsAsync(db, connectionId, [mapping], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        version.Changed();
        return ServiceResult.Success;
    }

    /// <summary>What <see cref="AcceptAllAsync"/> would do now, for the page to say before it asks.</summary>
    public async Task<AcceptAllPlan> PlanAcceptAllAsync(long connectionId, int minimumConfidence, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        return await PlanAsync(db, connectionId, minimumConfidence, cancellationToken);
    }

    /// <summary>
    /// Accepts the open suggestions with at least <paramref name="minimumConfidence"/>, never two onto one ServiceNow
    /// user (see <see cref="AcceptAllPlan.For"/>); the result counts the mapped hub users and those left for a person.
    /// </summary>
    public async Task<ServiceResult<AcceptAllPlan>> AcceptAllAsync(ClaimsPrincipal actor, long connectionId, int minimumConfidence, CancellationToken cancellationToken)
    {
        if (!DirectoryRoles.CanChange(actor))
        {
            return ServiceResult<AcceptAllPlan>.Fail(DirectoryRoles.NotAllowed);
        }

        if (minimumConfidence is < 1 or > 100)
        {
            return ServiceResult<AcceptAllPlan>.Fail(AcceptThresholdMessage);
        }

        AcceptAllPlan plan;
        await using (var db = await dbContextFactory.CreateDbContextAsync(cancellationToken))
        {
            plan = await PlanAsync(db, connectionId, minimumConfidence, cancellationToken);
        }

        foreach (var chunk in plan.Accepted.Chunk(BatchSize))
        {
            await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
            var hubUserIds = chunk.Select(s => s.HubUserId).ToList();
            var planned = chunk.ToDictionary(s => s.HubUserId, s => s.ServiceNowUserId);
            var batch = await db.UserMappings.Where(m => m.ConnectionId == connectionId && hubUserIds.Contains(m.HubUserId)).OrderBy(m => m.Id).ToListAsync(cancellationToken);

            // A suggestion changed since the plan (another person acted meanwhile) is left alone.
            var current = batch.Where(m => m.ServiceNowUserId is null && m.SuggestedServiceNowUserId == planned[m.HubUserId]).ToList();
            foreach (var mapping in current)
            {
                Accept(db, actor, mapping);
            }

            await DropStaleSuggestionsAsync(db, connectionId, current, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        version.Changed();
        return ServiceResult<AcceptAllPlan>.Ok(plan);
    }

    /// <summary>Why a confidence for accept-all is refused.</summary>
    public const string AcceptThresholdMessage = "The confidence is a whole number from 1 to 100.";

    /// <summary>Maps the hub user to a ServiceNow user chosen by hand (replacing any mapping).</summary>
    public async Task<ServiceResult> MapAsync(ClaimsPrincipal actor, long connectionId, long hubUserId, long serviceNowUserId, CancellationToken cancellationToken)
    {
        if (!DirectoryRoles.CanChange(actor))
        {
            return ServiceResult.Fail(DirectoryRoles.NotAllowed);
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.HubUsers.AnyAsync(h => h.Id == hubUserId, cancellationToken))
        {
            return ServiceResult.Fail("That hub user no longer exists.");
        }

        var target = await db.ServiceNowUsers.AsNoTracking().FirstOrDefaultAsync(u => u.Id == serviceNowUserId && u.ConnectionId == connectionId, cancellationToken);
        if (target is null)
        {
            return ServiceResult.Fail("That ServiceNow user is not in this connection's directory.");
        }

        var mapping = await db.UserMappings.FirstOrDefaultAsync(m => m.ConnectionId == connectionId && m.HubUserId == hubUserId, cancellationToken);
        if (mapping is null)
        {
            mapping = new UserMapping { ConnectionId = connectionId, HubUserId = hubUserId };
            db.UserMappings.Add(mapping);
        }

        var from = mapping.ServiceNowUserId;
        mapping.ServiceNowUserId = target.Id;
        mapping.Method = "Manual";
        mapping.Confidence = 100;
        mapping.MappedAt = timeProvider.GetUtcNow().UtcDateTime;
        mapping.MappedBy = DirectoryRoles.NameOf(actor);
        await DropStaleSuggestionsAsync(db, connectionId, [mapping], cancellationToken);
        Audit(db, actor, "usermapping.mapped", EntityId(connectionId, hubUserId), new { connectionId, hubUserId, from, to = target.Id, sysId = target.SysId, method = "Manual" });
        await db.SaveChangesAsync(cancellationToken);
        version.Changed();
        return ServiceResult.Success;
    }

    /// <summary>Removes the hub user's mapping (its suggestion stays).</summary>
    public async Task<ServiceResult> UnmapAsync(ClaimsPrincipal actor, long connectionId, long hubUserId, CancellationToken cancellationToken)
    {
        if (!DirectoryRoles.CanChange(actor))
        {
            return ServiceResult.Fail(DirectoryRoles.NotAllowed);
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var mapping = await db.UserMappings.FirstOrDefaultAsync(m => m.ConnectionId == connectionId && m.HubUserId == hubUserId, cancellationToken);
        if (mapping?.ServiceNowUserId is not { } from)
        {
            return ServiceResult.Fail("This hub user is not mapped.");
        }

        mapping.ServiceNowUserId = null;
        mapping.Method = null;
        mapping.Confidence = null;
        mapping.MappedAt = null;
        mapping.MappedBy = null;
        Audit(db, actor, "usermapping.unmapped", EntityId(connectionId, hubUserId), new { connectionId, hubUserId, from });
        await db.SaveChangesAsync(cancellationToken);
        version.Changed();
        return ServiceResult.Success;
    }

    /// <summary>Imported users whose name, user name or email contains the text (case-insensitive), present ones first.</summary>
    public async Task<IReadOnlyList<ServiceNowUserSummary>> SearchAsync(long connectionId, string? text, int take, CancellationToken cancellationToken)
    {
        var key = DirectoryText.Key(text);
        if (key.Length == 0)
        {
            return [];
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ServiceNowUsers.AsNoTracking()
            .Where(u => u.ConnectionId == connectionId &&
                (u.NormalizedName.Contains(key) || u.NormalizedUserName.Contains(key) || u.NormalizedEmail.Contains(key)))
            .OrderBy(u => u.MissingSince != null).ThenBy(u => !u.Active).ThenBy(u => u.NormalizedName).ThenBy(u => u.Id)
            .Take(Math.Clamp(take, 1, 50))
            .Select(u => new ServiceNowUserSummary(u.Id, u.SysId, u.UserName, u.Name, u.Email, u.Active, u.LockedOut, u.MissingSince != null))
            .ToListAsync(cancellationToken);
    }

    private static async Task<AcceptAllPlan> PlanAsync(PortalDbContext db, long connectionId, int minimumConfidence, CancellationToken cancellationToken)
    {
        var open = await db.UserMappings.AsNoTracking()
            .Where(m => m.ConnectionId == connectionId && m.ServiceNowUserId == null && m.SuggestedServiceNowUserId != null && m.SuggestionConfidence >= minimumConfidence)
            .OrderBy(m => m.Id)
            .Select(m => new OpenSuggestion(m.HubUserId, m.SuggestedServiceNowUserId!.Value, m.SuggestionConfidence!.Value))
            .ToListAsync(cancellationToken);
        var suggestedIds = open.Select(s => s.ServiceNowUserId).Distinct().ToList();
        var mapped = await db.UserMappings.AsNoTracking()
            .Where(m => m.ConnectionId == connectionId && m.ServiceNowUserId != null && suggestedIds.Contains(m.ServiceNowUserId.Value))
            .Select(m => m.ServiceNowUserId!.Value)
            .ToListAsync(cancellationToken);
        return AcceptAllPlan.For(open, minimumConfidence, mapped.ToHashSet());
    }

    /// <summary>
    /// Once hub users are mapped, a suggestion that points another unmapped hub user at one of the same ServiceNow
    /// users is stale (accepting it would make a conflict), and so is a mapped hub user's own suggestion of someone
    /// else: both are dropped in the same save. Suggest matches computes fresh ones.
    /// </summary>
    private static async Task DropStaleSuggestionsAsync(PortalDbContext db, long connectionId, IReadOnlyCollection<UserMapping> changed, CancellationToken cancellationToken)
    {
        var taken = changed.Where(m => m.ServiceNowUserId is not null).Select(m => m.ServiceNowUserId!.Value).Distinct().ToList();
        if (taken.Count == 0)
        {
            return;
        }

        var changedHubUsers = changed.Select(m => m.HubUserId).ToHashSet();
        var stale = await db.UserMappings
            .Where(m => m.ConnectionId == connectionId && m.ServiceNowUserId == null && m.SuggestedServiceNowUserId != null && taken.Contains(m.SuggestedServiceNowUserId.Value))
            .OrderBy(m => m.Id)
            .ToListAsync(cancellationToken);
        foreach (var mapping in stale.Where(m => !changedHubUsers.Contains(m.HubUserId)).Concat(changed.Where(m => m.SuggestedServiceNowUserId != m.ServiceNowUserId)))
        {
            mapping.SuggestedServiceNowUserId = null;
            mapping.SuggestionRule = null;
            mapping.SuggestionConfidence = null;
            mapping.SuggestionReason = null;
            mapping.SuggestedAt = null;
        }
    }

    private void Accept(PortalDbContext db, ClaimsPrincipal actor, UserMapping mapping)
    {
        var from = mapping.ServiceNowUserId;
        mapping.ServiceNowUserId = mapping.SuggestedServiceNowUserId;
        mapping.Method = mapping.SuggestionRule;
        mapping.Confidence = mapping.SuggestionConfidence;
        mapping.MappedAt = timeProvider.GetUtcNow().UtcDateTime;
        mapping.MappedBy = DirectoryRoles.NameOf(actor);
        Audit(db, actor, "usermapping.accepted", EntityId(mapping.ConnectionId, mapping.HubUserId), new
        {
            connectionId = mapping.ConnectionId,
            hubUserId = mapping.HubUserId,
            from,
            to = mapping.ServiceNowUserId,
            method = mapping.Method,
            confidence = mapping.Confidence,
        });
    }

    private void Audit(PortalDbContext db, ClaimsPrincipal actor, string action, string entityId, object details) =>
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = timeProvider.GetUtcNow().UtcDateTime,
            Actor = DirectoryRoles.NameOf(actor),
            Action = action,
            EntityType = EntityType,
            EntityId = entityId,
            Details = JsonSerializer.Serialize(details),
        });

    private static string EntityId(long connectionId, long hubUserId) => $"{connectionId}:{hubUserId}";

    private static bool Related(MatchSubject subject, MatchCandidate candidate) =>
        (subject.Email.Length > 0 && candidate.Email == subject.Email) ||
        (subject.UserName.Length > 0 && candidate.UserName == subject.UserName) ||
        (subject.EmailLocalPart.Length > 0 && candidate.UserName == subject.EmailLocalPart) ||
        (subject.Name.Length > 0 && candidate.Name == subject.Name);

    /// <summary>The imported users sharing any key with the batch, and whether each is already mapped.</summary>
    private static async Task<List<MatchCandidate>> CandidatesAsync(PortalDbContext db, long connectionId, IEnumerable<MatchSubject> subjects, CancellationToken cancellationToken)
    {
        var list = subjects.ToList();
        var emails = list.Select(s => s.Email).Where(e => e.Length > 0).Distinct().ToList();
        var userNames = list.SelectMany(s => new[] { s.UserName, s.EmailLocalPart }).Where(u => u.Length > 0).Distinct().ToList();
        var names = list.Select(s => s.Name).Where(n => n.Length > 0).Distinct().ToList();
        var rows = await db.ServiceNowUsers.AsNoTracking()
            .Where(u => u.ConnectionId == connectionId &&
                (emails.Contains(u.NormalizedEmail) || userNames.Contains(u.NormalizedUserName) || names.Contains(u.NormalizedName)))
            .Select(u => new
            {
                u.Id, u.NormalizedEmail, u.NormalizedUserName, u.NormalizedName, u.Active, u.LockedOut, Missing = u.MissingSince != null,
                Mapped = db.UserMappings.Any(m => m.ConnectionId == connectionId && m.ServiceNowUserId == u.Id),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new MatchCandidate(r.Id, r.NormalizedEmail, r.NormalizedUserName, r.NormalizedName, r.Active, r.LockedOut, r.Missing, r.Mapped)).ToList();
    }
}

/// <summary>Bumped on every mapping change, so that cached resolutions are not used after it.</summary>
public sealed class MappingVersion
{
    private long _value;

    public long Current => Interlocked.Read(ref _value);

    public void Changed() => Interlocked.Increment(ref _value);
}
