using System.Globalization;
using FsCheck;
using FsCheck.Xunit;
using SnConnectPortal.Web.Features.FieldMapping;

namespace SnConnectPortal.Web.Tests.FieldMapping;

/// <summary>Properties of ranges, value maps, cutting and the threshold, for any data FsCheck makes up.</summary>
public sealed class MappingEngineProperties
{
    private const string Source = "score";
    private const string Target = "urgency";

    /// <summary>Ranges [s0, s1 − 0.1], [s1, s2 − 0.1], ..., [sn, sn + 100] from distinct starts; range i gives "r{i}".</summary>
    private static List<NumericRange> Ranges(int[] starts)
    {
        var sorted = starts.Distinct().Order().ToArray();
        return [.. sorted.Select((start, i) => new NumericRange
        {
            Min = start,
            Max = i + 1 < sorted.Length ? sorted[i + 1] - 0.1m : start + 100m,
            To = "r" + i.ToString(CultureInfo.InvariantCulture),
        })];
    }

    private static TableMapping RangeMapping(List<NumericRange> ranges, string? fallback) => new()
    {
        Rules = [new MappingRule { Kind = MappingRuleKind.Range, Source = Source, Target = Target, Ranges = ranges, Default = fallback }],
    };

    private static Dictionary<string, string> Score(decimal value) => new() { [Source] = value.ToString(CultureInfo.InvariantCulture) };

    [Property(MaxTest = 300)]
    public bool Range_EveryNumberInARange_GetsThatRangesValue(NonEmptyArray<int> starts, NonNegativeInt pick, NonNegativeInt tenths)
    {
        var ranges = Ranges(starts.Get);
        var range = ranges[pick.Get % ranges.Count];
        var value = range.Min + (range.Max - range.Min) * (tenths.Get % 11) / 10m;

        var outcome = MappingEngine.Map(RangeMapping(ranges, null), Score(value));

        return outcome.Payload.Fields[Target] == range.To && outcome.Warnings.Count == 0;
    }

    [Property(MaxTest = 300)]
    public bool Range_NumberOutsideEveryRange_GetsTheDefault_OrIsLeftOut(NonEmptyArray<int> starts, PositiveInt distance, bool above, bool withDefault)
    {
        var ranges = Ranges(starts.Get);
        var value = above ? ranges[^1].Max + distance.Get : ranges[0].Min - distance.Get;

        var outcome = MappingEngine.Map(RangeMapping(ranges, withDefault ? "fallback" : null), Score(value));

        return outcome.Warnings.Count == 1 && (withDefault
            ? outcome.Payload.Fields[Target] == "fallback"
            : !outcome.Payload.Fields.ContainsKey(Target));
    }

    [Property(MaxTest = 300)]
    public bool ValueMap_EveryKnownValue_InAnyCaseAndSpacing_GetsItsValue(NonEmptyArray<NonEmptyString> keys, NonNegativeInt pick, bool upper, bool padded)
    {
        var distinct = keys.Get.Select(k => k.Get.Trim()).Where(k => k.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (distinct.Count == 0)
        {
            return true;
        }

        var cases = distinct.Select((k, i) => new ValueCase { From = k, To = "v" + i.ToString(CultureInfo.InvariantCulture) }).ToList();
        var chosen = cases[pick.Get % cases.Count];
        var sent = upper ? chosen.From.ToUpperInvariant() : chosen.From.ToLowerInvariant();
        // Only a case change that keeps the value the same under ordinal case-insensitive comparison is "the same value".
        if (!string.Equals(sent, chosen.From, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var mapping = new TableMapping { Rules = [new MappingRule { Kind = MappingRuleKind.ValueMap, Source = Source, Target = Target, Cases = cases }] };
        var outcome = MappingEngine.Map(mapping, new Dictionary<string, string> { [Source] = padded ? $"  {sent}\t" : sent });

        var expected = cases.First(c => string.Equals(c.From, sent.Trim(), StringComparison.OrdinalIgnoreCase)).To;
        return outcome.Payload.Fields[Target] == expected && outcome.Warnings.Count == 0;
    }

    [Property(MaxTest = 300)]
    public bool ValueMap_UnknownValue_GetsTheDefault_WithAWarning(NonEmptyArray<NonEmptyString> keys, NonEmptyString sent)
    {
        var cases = keys.Get.Select(k => k.Get.Trim()).Where(k => k.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(k => new ValueCase { From = k, To = "known" }).ToList();
        if (cases.Any(c => string.Equals(c.From, sent.Get.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        var mapping = new TableMapping
        {
            Rules = [new MappingRule { Kind = MappingRuleKind.ValueMap, Source = Source, Target = Target, Cases = cases, Default = "fallback" }],
        };
        var outcome = MappingEngine.Map(mapping, new Dictionary<string, string> { [Source] = sent.Get });

        return outcome.Payload.Fields[Target] == "fallback" && outcome.Warnings.Count == 1;
    }

    [Property(MaxTest = 300)]
    public bool Cut_KeepsAPrefixThatFits_AndWarnsOnlyWhenItCuts(string? value, PositiveInt maxLength)
    {
        var text = value ?? "";
        var mapping = new TableMapping
        {
            Rules = [new MappingRule { Kind = MappingRuleKind.Copy, Source = Source, Target = Target }],
            TargetFields = [new TargetField(Target, "Urgency", maxLength.Get)],
        };

        var outcome = MappingEngine.Map(mapping, new Dictionary<string, string> { [Source] = text });

        var sent = outcome.Payload.Fields[Target];
        var cut = text.Length > maxLength.Get;
        return text.StartsWith(sent, StringComparison.Ordinal) && sent.Length <= maxLength.Get
            && (cut ? sent.Length >= maxLength.Get - 1 : sent == text) && outcome.Warnings.Count == (cut ? 1 : 0);
    }

    [Property(MaxTest = 300)]
    public bool Threshold_SkipsExactlyTheNumbersBelowTheMinimum(int minimumTenths, int valueTenths)
    {
        var minimum = minimumTenths / 10m;
        var value = valueTenths / 10m;
        var mapping = new TableMapping { ThresholdField = Source, ThresholdMinimum = minimum };

        var outcome = MappingEngine.Map(mapping, Score(value));

        return outcome.Skipped == (value < minimum);
    }
}
