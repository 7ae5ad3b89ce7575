using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Validation;

namespace SnConnectPortal.Web.Features.FieldMapping;

/// <summary>
/// What a mapping must be to be saved. Errors are keyed by the property path the editor shows them beside
/// (<c>Rules[2].Target</c>, <c>Rules[0].Ranges[1].Max</c>, <c>ThresholdMinimum</c>).
/// </summary>
public sealed partial class TableMappingValidator : AbstractValidator<TableMapping>
{
    public const int MaxRules = 100;
    public const int MaxCases = 200;
    public const int MaxRanges = 50;

    /// <summary>The longest constant, template or mapped value: a journal or description field's usual 4,000.</summary>
    public const int MaxValueLength = 4000;

    /// <summary>Numbers beyond this are typing mistakes, not urgencies or scores.</summary>
    public const decimal MaxMagnitude = 1_000_000_000m;

    private const string FieldNameRule = "a ServiceNow column name: lowercase letters, digits and underscores, starting with a letter";

    public TableMappingValidator()
    {
        RuleFor(m => m.Rules).Must(r => r.Count <= MaxRules).WithMessage($"A mapping has at most {MaxRules} rules.");
        RuleForEach(m => m.Rules).SetValidator(new MappingRuleValidator());
        RuleFor(m => m.Rules).Custom((rules, context) =>
        {
            foreach (var group in rules.Select((r, i) => (r.Target, Index: i)).Where(r => !string.IsNullOrWhiteSpace(r.Target))
                .GroupBy(r => r.Target.Trim(), StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                foreach (var (_, index) in group.Skip(1))
                {
                    context.AddFailure($"Rules[{index}].Target", $"Another rule already sets {group.Key}: one rule per target field.");
                }
            }
        });

        RuleFor(m => m.ThresholdField).Cascade(CascadeMode.Stop)
            .MaximumLength(FieldLengths.MappingFieldName).WithMessage(LengthLimit.Message("A field name", FieldLengths.MappingFieldName))
            .Matches(FieldName()).WithMessage($"The threshold field is {FieldNameRule}.")
            .When(m => m.HasThreshold);
        RuleFor(m => m.ThresholdMinimum)
            .NotNull().WithMessage("Give the smallest number that still makes a record, e.g. 7.0.")
            .When(m => m.HasThreshold);
        RuleFor(m => m.ThresholdMinimum)
            .Must(n => n is null || Math.Abs(n.Value) <= MaxMagnitude).WithMessage(OutOfRange)
            .When(m => m.HasThreshold);
        RuleFor(m => m.ThresholdMinimum)
            .Null().WithMessage("Give the field the minimum applies to, or clear the minimum.")
            .When(m => !m.HasThreshold);
    }

    private static readonly string OutOfRange = string.Create(CultureInfo.InvariantCulture, $"A number from {-MaxMagnitude:N0} to {MaxMagnitude:N0}.");

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex FieldName();

    private sealed class MappingRuleValidator : AbstractValidator<MappingRule>
    {
        public MappingRuleValidator()
        {
            RuleFor(r => r.Target).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Give the ServiceNow field this rule sets.")
                .MaximumLength(FieldLengths.MappingFieldName).WithMessage(LengthLimit.Message("A field name", FieldLengths.MappingFieldName))
                .Matches(FieldName()).WithMessage($"The target is {FieldNameRule}.")
                .Must(t => !t.StartsWith("sys_", StringComparison.Ordinal) && t != "correlation_id")
                .WithMessage("sys_ fields are ServiceNow's and correlation_id is the event's id: no rule sets them.");

            RuleFor(r => r.Source).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Give the event field this rule reads.")
                .MaximumLength(FieldLengths.MappingFieldName).WithMessage(LengthLimit.Message("A field name", FieldLengths.MappingFieldName))
                .Matches(FieldName()).WithMessage($"The source is {FieldNameRule}.")
                .When(r => r.Kind is MappingRuleKind.Copy or MappingRuleKind.ValueMap or MappingRuleKind.Range or MappingRuleKind.User);

            RuleFor(r => r.Text)
                .Must(t => t is not null).WithMessage("Give the value (it may be empty).")
                .When(r => r.Kind == MappingRuleKind.Constant);
            RuleFor(r => r.Text)
                .NotEmpty().WithMessage("Give the text, e.g. {{host}}: {{title}}.")
                .When(r => r.Kind == MappingRuleKind.Template);
            RuleFor(r => r.Text)
                .MaximumLength(MaxValueLength).WithMessage(LengthLimit.Message("A value", MaxValueLength));
            RuleFor(r => r.Default)
                .MaximumLength(MaxValueLength).WithMessage(LengthLimit.Message("A default", MaxValueLength));

            RuleFor(r => r.Cases).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Add at least one value to map.")
                .Must(c => c.Count <= MaxCases).WithMessage($"A value map has at most {MaxCases} values.")
                .When(r => r.Kind == MappingRuleKind.ValueMap);
            RuleForEach(r => r.Cases).ChildRules(c =>
            {
                c.RuleFor(x => x.From).Cascade(CascadeMode.Stop)
                    .Must(f => !string.IsNullOrWhiteSpace(f)).WithMessage("Give the event's value.")
                    .MaximumLength(MaxValueLength).WithMessage(LengthLimit.Message("A value", MaxValueLength));
                c.RuleFor(x => x.To).MaximumLength(MaxValueLength).WithMessage(LengthLimit.Message("A value", MaxValueLength));
            }).When(r => r.Kind == MappingRuleKind.ValueMap);
            RuleFor(r => r.Cases).Custom((cases, context) =>
            {
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < cases.Count; i++)
                {
                    if (!string.IsNullOrWhiteSpace(cases[i].From) && !seen.Add(cases[i].From.Trim()))
                    {
                        context.AddFailure($"Cases[{i}].From", $"\"{cases[i].From.Trim()}\" is already mapped above (any case counts as the same value).");
                    }
                }
            }).When(r => r.Kind == MappingRuleKind.ValueMap);

            RuleFor(r => r.Ranges).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Add at least one range.")
                .Must(c => c.Count <= MaxRanges).WithMessage($"A rule has at most {MaxRanges} ranges.")
                .When(r => r.Kind == MappingRuleKind.Range);
            RuleForEach(r => r.Ranges).ChildRules(range =>
            {
                range.RuleFor(x => x.Min).Must(n => Math.Abs(n) <= MaxMagnitude).WithMessage(OutOfRange);
                range.RuleFor(x => x.Max).Must(n => Math.Abs(n) <= MaxMagnitude).WithMessage(OutOfRange);
                range.RuleFor(x => x.Max).GreaterThanOrEqualTo(x => x.Min).WithMessage("The upper end is at least the lower end.");
                range.RuleFor(x => x.To).Cascade(CascadeMode.Stop)
                    .NotEmpty().WithMessage("Give the value a number in this range becomes.")
                    .MaximumLength(MaxValueLength).WithMessage(LengthLimit.Message("A value", MaxValueLength));
            }).When(r => r.Kind == MappingRuleKind.Range);
            RuleFor(r => r.Ranges).Custom((ranges, context) =>
            {
                for (var i = 0; i < ranges.Count; i++)
                {
                    var overlapped = Enumerable.Range(0, i).FirstOrDefault(j => Overlap(ranges[i], ranges[j]), -1);
                    if (overlapped >= 0)
                    {
                        context.AddFailure($"Ranges[{i}].Min", string.Create(CultureInfo.InvariantCulture,
                            $"Overlaps the range {ranges[overlapped].Min}–{ranges[overlapped].Max} above: a number belongs to one range."));
                    }
                }
            }).When(r => r.Kind == MappingRuleKind.Range);
        }

        private static bool Overlap(NumericRange a, NumericRange b) => a.Min <= a.Max && b.Min <= b.Max && a.Min <= b.Max && b.Min <= a.Max;
    }
}
