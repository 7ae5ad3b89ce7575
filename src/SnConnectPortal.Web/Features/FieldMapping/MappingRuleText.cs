using System.Globalization;

namespace SnConnectPortal.Web.Features.FieldMapping;

/// <summary>A rule and a threshold in words, as the audit log records a change and a reader sees the mapping.</summary>
public static class MappingRuleText
{
    public static string Describe(MappingRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Kind switch
        {
            MappingRuleKind.Copy => $"copy of {rule.Source}",
            MappingRuleKind.Constant => $"constant \"{rule.Text}\"",
            MappingRuleKind.Template => $"template \"{rule.Text}\"",
            MappingRuleKind.User => $"ServiceNow user of the hub user in {rule.Source}",
            MappingRuleKind.ValueMap => $"value map of {rule.Source}: {string.Join(", ", rule.Cases.Select(c => $"{c.From} → {c.To}"))}{Otherwise(rule)}",
            MappingRuleKind.Range => $"ranges of {rule.Source}: {string.Join(", ", rule.Ranges.Select(Range))}{Otherwise(rule)}",
            _ => rule.Kind.ToString(),
        };
    }

    public static string Threshold(TableMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return mapping.HasThreshold && mapping.ThresholdMinimum is { } minimum
            ? string.Create(CultureInfo.InvariantCulture, $"{mapping.ThresholdField} at least {minimum}")
            : "none";
    }

    private static string Range(NumericRange range) => string.Create(CultureInfo.InvariantCulture, $"{range.Min}–{range.Max} → {range.To}");

    private static string Otherwise(MappingRule rule) => rule.Default is null ? "" : $"; otherwise {rule.Default}";
}
