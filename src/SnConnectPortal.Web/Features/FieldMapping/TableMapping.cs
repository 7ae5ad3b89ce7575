using System.Text.Json;
using System.Text.Json.Serialization;

namespace SnConnectPortal.Web.Features.FieldMapping;

/// <summary>
/// The mapping of one connection's table as the editor and the engine see it: the rules in order, the threshold, and
/// the table's fields from sys_dictionary (whose max lengths cut values that are too long).
/// </summary>
public sealed class TableMapping
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public List<MappingRule> Rules { get; set; } = [];

    /// <summary>The event field whose number decides whether a record is made; empty for no threshold.</summary>
    public string? ThresholdField { get; set; }

    /// <summary>The smallest number in <see cref="ThresholdField"/> that still makes a record.</summary>
    public decimal? ThresholdMinimum { get; set; }

    public List<TargetField> TargetFields { get; set; } = [];

    /// <summary>When <see cref="TargetFields"/> were read from the instance (UTC); null when never.</summary>
    public DateTime? TargetFieldsReadAt { get; set; }

    public bool HasThreshold => !string.IsNullOrWhiteSpace(ThresholdField);

    /// <summary>The target's max_length from sys_dictionary, or null when unknown.</summary>
    public int? MaxLengthOf(string target) => TargetFields.FirstOrDefault(f => f.Name == target)?.MaxLength;

    public TableMapping Copy() => new()
    {
        Rules = [.. Rules.Select(r => r.Copy())],
        ThresholdField = ThresholdField,
        ThresholdMinimum = ThresholdMinimum,
        TargetFields = [.. TargetFields],
        TargetFieldsReadAt = TargetFieldsReadAt,
    };

    public static string RulesJson(IEnumerable<MappingRule> rules) => JsonSerializer.Serialize(rules, Json);

    public static List<MappingRule> ParseRules(string json) => JsonSerializer.Deserialize<List<MappingRule>>(json, Json) ?? [];

    public static string FieldsJson(IEnumerable<TargetField> fields) => JsonSerializer.Serialize(fields, Json);

    public static List<TargetField> ParseFields(string json) => JsonSerializer.Deserialize<List<TargetField>>(json, Json) ?? [];
}
