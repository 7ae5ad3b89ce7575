using System.Globalization;
using System.Text.RegularExpressions;
using SnConnectPortal.Web.Features.Outbound;

namespace SnConnectPortal.Web.Features.FieldMapping;

/// <summary>
/// Applies a table's mapping to an event's fields (PRODUCT.md section 6), with no I/O, so that the events API and the
/// editor's preview give the same answer. Only what the rules set is sent. A rule that cannot set its field (the source
/// field missing, a value in no case or range without a default) leaves it out with a warning, so that ServiceNow's own
/// default applies; a value longer than its field's max_length is cut, with a warning. An event whose threshold field
/// is below the minimum, or holds no number, is skipped with the reason.
/// </summary>
public static partial class MappingEngine
{
    public static MappingOutcome Map(TableMapping mapping, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(fields);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var hubUsers = new Dictionary<string, string>(StringComparer.Ordinal);
        var warnings = new List<string>();
        foreach (var rule in mapping.Rules)
        {
            if (rule.Kind == MappingRuleKind.User)
            {
                if (Source(rule, fields, warnings) is { } hubUser && hubUser.Trim().Length > 0)
                {
                    hubUsers[rule.Target] = hubUser.Trim();
                }

                continue;
            }

            if (ValueOf(rule, fields, warnings) is { } value)
            {
                values[rule.Target] = Cut(rule.Target, value, mapping.MaxLengthOf(rule.Target), warnings);
            }
        }

        var payload = new OutboundPayload(values, hubUsers);
        return new MappingOutcome(payload, warnings, SkippedReason(mapping, fields));
    }

    /// <summary>The number a text holds (invariant culture: 9.5, -1, 1e3), or null.</summary>
    public static decimal? Number(string? text) =>
        decimal.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>The event fields a template's <c>{{placeholders}}</c> name, in order.</summary>
    public static IEnumerable<string> Placeholders(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value);

    private static string? SkippedReason(TableMapping mapping, IReadOnlyDictionary<string, string> fields)
    {
        if (!mapping.HasThreshold || mapping.ThresholdMinimum is not { } minimum)
        {
            return null;
        }

        var field = mapping.ThresholdField!;
        var limit = minimum.ToString(CultureInfo.InvariantCulture);
        if (!fields.TryGetValue(field, out var text))
        {
            return $"The event has no {field}, so the threshold ({field} at least {limit}) cannot be met: no record is made.";
        }

        if (Number(text) is not { } number)
        {
            return $"{field} \"{text}\" is not a number, so the threshold ({field} at least {limit}) cannot be met: no record is made.";
        }

        return number < minimum
            ? $"{field} {text.Trim()} is below the threshold of {limit}: no record is made."
            : null;
    }

    private static string? ValueOf(MappingRule rule, IReadOnlyDictionary<string, string> fields, List<string> warnings) => rule.Kind switch
    {
        MappingRuleKind.Copy => Source(rule, fields, warnings),
        MappingRuleKind.Constant => rule.Text ?? "",
        MappingRuleKind.Template => Fill(rule, fields, warnings),
        MappingRuleKind.ValueMap => Lookup(rule, fields, warnings),
        MappingRuleKind.Range => InRange(rule, fields, warnings),
        _ => null,
    };

    private static string? Source(MappingRule rule, IReadOnlyDictionary<string, string> fields, List<string> warnings)
    {
        if (rule.Source is { } source && fields.TryGetValue(source, out var value))
        {
            return value;
        }

        warnings.Add($"The event has no {rule.Source}: {rule.Target} is left out.");
        return null;
    }

    private static string? Lookup(MappingRule rule, IReadOnlyDictionary<string, string> fields, List<string> warnings)
    {
        if (rule.Source is not { } source || !fields.TryGetValue(source, out var value))
        {
            return Fallback(rule, $"The event has no {rule.Source}", warnings);
        }

        var key = value.Trim();
        var match = rule.Cases.FirstOrDefault(c => string.Equals(c.From.Trim(), key, StringComparison.OrdinalIgnoreCase));
        return match is not null ? match.To : Fallback(rule, $"{source} \"{value}\" is not in the value map", warnings);
    }

    private static string? InRange(MappingRule rule, IReadOnlyDictionary<string, string> fields, List<string> warnings)
    {
        if (rule.Source is not { } source || !fields.TryGetValue(source, out var value))
        {
            return Fallback(rule, $"The event has no {rule.Source}", warnings);
        }

        if (Number(value) is not { } number)
        {
            return Fallback(rule, $"{source} \"{value}\" is not a number", warnings);
        }

        var range = rule.Ranges.FirstOrDefault(r => r.Holds(number));
        return range is not null ? range.To : Fallback(rule, $"{source} {value.Trim()} is in none of the ranges", warnings);
    }

    /// <summary>The rule's default when it has one (said in a warning too, unless the source was merely absent); else the field is left out.</summary>
    private static string? Fallback(MappingRule rule, string why, List<string> warnings)
    {
        if (rule.Default is { } fallback)
        {
            warnings.Add($"{why}: {rule.Target} is set to its default \"{fallback}\".");
            return fallback;
        }

        warnings.Add($"{why}: {rule.Target} is left out.");
        return null;
    }

    private static string Fill(MappingRule rule, IReadOnlyDictionary<string, string> fields, List<string> warnings) =>
        Placeholder().Replace(rule.Text ?? "", match =>
        {
            var name = match.Groups[1].Value;
            if (fields.TryGetValue(name, out var value))
            {
                return value;
            }

            warnings.Add($"The event has no {name}: it is left empty in {rule.Target}.");
            return "";
        });

    private static string Cut(string target, string value, int? maxLength, List<string> warnings)
    {
        if (maxLength is not { } max || max <= 0 || value.Length <= max)
        {
            return value;
        }

        warnings.Add(string.Create(CultureInfo.InvariantCulture,
            $"{target} had {value.Length:N0} characters: cut to {max:N0}, its max_length in sys_dictionary."));
        // Never half of a surrogate pair: one character fewer rather than an invalid string.
        return value[..(char.IsHighSurrogate(value[max - 1]) ? max - 1 : max)];
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
