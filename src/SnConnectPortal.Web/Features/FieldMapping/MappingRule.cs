namespace SnConnectPortal.Web.Features.FieldMapping;

/// <summary>
/// One rule of a table's mapping: it sets <see cref="Target"/> (a ServiceNow field) from the event. Which of the other
/// properties count depends on <see cref="Kind"/>; the editor binds to them, so they are settable.
/// </summary>
public sealed class MappingRule
{
    public MappingRuleKind Kind { get; set; }

    /// <summary>The ServiceNow field the rule sets, e.g. urgency.</summary>
    public string Target { get; set; } = "";

    /// <summary>The event field read (Copy, ValueMap, Range, User).</summary>
    public string? Source { get; set; }

    /// <summary>The constant's value, or the template's text.</summary>
    public string? Text { get; set; }

    /// <summary>ValueMap: source value → target value.</summary>
    public List<ValueCase> Cases { get; set; } = [];

    /// <summary>Range: the ranges, first match wins.</summary>
    public List<NumericRange> Ranges { get; set; } = [];

    /// <summary>ValueMap and Range: the value when no case or range matches; null leaves the field out (with a warning).</summary>
    public string? Default { get; set; }

    public MappingRule Copy() => new()
    {
        Kind = Kind,
        Target = Target,
        Source = Source,
        Text = Text,
        Cases = [.. Cases.Select(c => new ValueCase { From = c.From, To = c.To })],
        Ranges = [.. Ranges.Select(r => new NumericRange { Min = r.Min, Max = r.Max, To = r.To })],
        Default = Default,
    };
}

/// <summary>A value map's case: <see cref="From"/> (any case) becomes <see cref="To"/>.</summary>
public sealed class ValueCase
{
    public string From { get; set; } = "";

    public string To { get; set; } = "";
}

/// <summary>A numeric range, both ends included: a number from <see cref="Min"/> to <see cref="Max"/> becomes <see cref="To"/>.</summary>
public sealed class NumericRange
{
    public decimal Min { get; set; }

    public decimal Max { get; set; }

    public string To { get; set; } = "";

    public bool Holds(decimal value) => value >= Min && value <= Max;
}
