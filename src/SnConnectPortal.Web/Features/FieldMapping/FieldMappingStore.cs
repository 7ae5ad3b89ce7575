using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Auditing;
using SnConnectPortal.Web.Features.Connections;

namespace SnConnectPortal.Web.Features.FieldMapping;

/// <summary>A connection as the field mapping screen needs it: its name and tables.</summary>
public sealed record MappedConnection(long Id, string Name, IReadOnlyList<string> Tables);

/// <summary>A table's stored mapping, or a new empty one (<see cref="Exists"/> false: its events pass through as sent).</summary>
public sealed record StoredMapping(TableMapping Mapping, bool Exists, DateTime? UpdatedAt, string? UpdatedBy);

/// <summary>
/// Reads and saves the field mappings (Admin only; every change audited with each rule's and the threshold's from → to).
/// Saving a table's mapping replaces it whole; removing it lets the table's events pass through as they are sent.
/// </summary>
public sealed class FieldMappingStore(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    IValidator<TableMapping> validator,
    AuditLog auditLog,
    TimeProvider timeProvider)
{
    public const string EntityType = "FieldMapping";

    public async Task<MappedConnection?> ConnectionAsync(long connectionId, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Connections.AsNoTracking().Where(c => c.Id == connectionId && c.DeletedAt == null)
            .Select(c => new { c.Id, c.Name, c.Tables }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new MappedConnection(row.Id, row.Name, row.Tables.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public async Task<StoredMapping> LoadAsync(long connectionId, string table, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.FieldMappings.AsNoTracking().FirstOrDefaultAsync(m => m.ConnectionId == connectionId && m.TableName == table, cancellationToken);
        return row is null ? new StoredMapping(new TableMapping(), false, null, null) : new StoredMapping(ToMapping(row), true, row.UpdatedAt, row.UpdatedBy);
    }

    /// <summary>The mappings of the given connections' tables, for the events API to apply to a request's events.</summary>
    public static async Task<IntakeMappings> ForIntakeAsync(PortalDbContext db, IEnumerable<long> connectionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = connectionIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new IntakeMappings(new Dictionary<(long, string), TableMapping>());
        }

        var rows = await db.FieldMappings.AsNoTracking().Where(m => ids.Contains(m.ConnectionId)).ToListAsync(cancellationToken);
        return new IntakeMappings(rows.ToDictionary(r => (r.ConnectionId, r.TableName), ToMapping));
    }

    public async Task<ServiceResult> SaveAsync(ClaimsPrincipal actor, long connectionId, string table, TableMapping mapping, string? preset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(mapping);
        if (!ConnectionRoles.CanManage(actor))
        {
            return ServiceResult.Forbidden("Only an Admin can change a field mapping.");
        }

        var validation = await validator.ValidateAsync(mapping, cancellationToken);
        if (!validation.IsValid)
        {
            return new ServiceResult([.. validation.Errors.Select(e => e.ErrorMessage).Distinct()],
                validation.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage));
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        if (await ConnectionAsync(connectionId, cancellationToken) is not { } connection)
        {
            return ServiceResult.NotFound("That connection no longer exists.");
        }

        if (!connection.Tables.Contains(table, StringComparer.Ordinal))
        {
            return ServiceResult.Fail($"{table} is not one of the tables of {connection.Name}.");
        }

        var row = await db.FieldMappings.FirstOrDefaultAsync(m => m.ConnectionId == connectionId && m.TableName == table, cancellationToken);
        var before = row is null ? null : ToMapping(row);
        var changes = Changes(before, mapping);
        if (!(before?.TargetFields ?? []).SequenceEqual(mapping.TargetFields))
        {
            changes.Add(new FieldChange("Fields from sys_dictionary", before is null ? null : Count(before.TargetFields), Count(mapping.TargetFields)));
        }

        if (row is not null && changes.Count == 0)
        {
            return ServiceResult.Success;
        }

        var who = ConnectionRoles.NameOf(actor);
        if (row is null)
        {
            row = new Data.FieldMapping { ConnectionId = connectionId, TableName = table, Rules = "[]", TargetFields = "[]", UpdatedBy = who };
            db.FieldMappings.Add(row);
        }

        row.Rules = TableMapping.RulesJson(mapping.Rules.Select(Trimmed));
        row.ThresholdField = mapping.HasThreshold ? mapping.ThresholdField!.Trim() : null;
        row.ThresholdMinimum = mapping.HasThreshold ? mapping.ThresholdMinimum : null;
        row.TargetFields = TableMapping.FieldsJson(mapping.TargetFields);
        row.TargetFieldsReadAt = mapping.TargetFieldsReadAt;
        row.UpdatedAt = timeProvider.GetUtcNow().UtcDateTime;
        row.UpdatedBy = who;
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(who, before is null ? "fieldmapping.created" : "fieldmapping.changed", EntityType,
            row.Id.ToString(CultureInfo.InvariantCulture), new { connectionId, table, preset, changes }, cancellationToken);
        return ServiceResult.Success;
    }

    /// <summary>Removes a table's mapping: its events pass through as sent again.</summary>
    public async Task<ServiceResult> RemoveAsync(ClaimsPrincipal actor, long connectionId, string table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!ConnectionRoles.CanManage(actor))
        {
            return ServiceResult.Forbidden("Only an Admin can change a field mapping.");
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.FieldMappings.FirstOrDefaultAsync(m => m.ConnectionId == connectionId && m.TableName == table, cancellationToken);
        if (row is null)
        {
            return ServiceResult.Success;
        }

        db.FieldMappings.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(ConnectionRoles.NameOf(actor), "fieldmapping.removed", EntityType, row.Id.ToString(CultureInfo.InvariantCulture),
            new { connectionId, table, changes = Changes(ToMapping(row), new TableMapping()) }, cancellationToken);
        return ServiceResult.Success;
    }

    /// <summary>Each target whose rule changed, and the threshold if it changed, as "from → to" in words.</summary>
    internal static List<FieldChange> Changes(TableMapping? before, TableMapping after)
    {
        var old = (before?.Rules ?? []).ToDictionary(r => r.Target, MappingRuleText.Describe, StringComparer.Ordinal);
        var now = after.Rules.ToDictionary(r => r.Target.Trim(), MappingRuleText.Describe, StringComparer.Ordinal);
        var changes = new List<FieldChange>();
        foreach (var target in old.Keys.Union(now.Keys, StringComparer.Ordinal))
        {
            var from = old.GetValueOrDefault(target);
            var to = now.GetValueOrDefault(target);
            if (!string.Equals(from, to, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange($"Rule for {target}", from, to));
            }
        }

        var thresholdBefore = before is null ? null : MappingRuleText.Threshold(before);
        var thresholdAfter = MappingRuleText.Threshold(after);
        if (!string.Equals(thresholdBefore, thresholdAfter, StringComparison.Ordinal))
        {
            changes.Add(new FieldChange("Threshold", thresholdBefore, thresholdAfter));
        }

        return changes;
    }

    private static string Count(List<TargetField> fields) => fields.Count.ToString(CultureInfo.InvariantCulture) + " fields";

    private static MappingRule Trimmed(MappingRule rule)
    {
        var copy = rule.Copy();
        copy.Target = copy.Target.Trim();
        copy.Source = copy.Source?.Trim();
        return copy;
    }

    private static TableMapping ToMapping(Data.FieldMapping row) => new()
    {
        Rules = TableMapping.ParseRules(row.Rules),
        ThresholdField = row.ThresholdField,
        ThresholdMinimum = row.ThresholdMinimum,
        TargetFields = TableMapping.ParseFields(row.TargetFields),
        TargetFieldsReadAt = row.TargetFieldsReadAt,
    };
}
