namespace SnConnectPortal.Web.Features.FieldMapping;

/// <summary>The field mappings of a request's connections, applied to each event as the events API stores it.</summary>
public sealed class IntakeMappings(IReadOnlyDictionary<(long ConnectionId, string Table), TableMapping> mappings)
{
    /// <summary>The event's fields through its table's mapping; as they are when the table has none.</summary>
    public MappingOutcome Map(long connectionId, string table, IReadOnlyDictionary<string, string> fields) =>
        mappings.TryGetValue((connectionId, table), out var mapping) ? MappingEngine.Map(mapping, fields) : MappingOutcome.PassThrough(fields);
}
