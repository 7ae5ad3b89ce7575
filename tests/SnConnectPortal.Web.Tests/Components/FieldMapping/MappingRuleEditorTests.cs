using Bunit;
using SnConnectPortal.Web.Features.FieldMapping;

namespace SnConnectPortal.Web.Tests.Components.FieldMapping;

/// <summary>A rule's editor shows the fields its kind needs and each refusal beside its field.</summary>
public sealed class MappingRuleEditorTests : PortalComponentTest
{
    private IRenderedComponent<MappingRuleEditor> Render(MappingRule rule, IReadOnlyDictionary<string, string>? errors = null, IReadOnlyList<TargetField>? fields = null) =>
        Context.Render<MappingRuleEditor>(parameters => parameters
            .Add(p => p.Rule, rule)
            .Add(p => p.Index, 0)
            .Add(p => p.Errors, errors ?? new Dictionary<string, string>())
            .Add(p => p.TargetFields, fields ?? []));

    [Fact]
    public void RangeRule_ShowsItsRanges_AndAddRangeAddsOne()
    {
        var rule = MappingPresets.Find(MappingPresets.IonixKey)!.Create().Rules.Single(r => r.Kind == MappingRuleKind.Range);
        var editor = Render(rule);

        editor.Find("[data-testid=rule-0-add-range]").Click();

        Assert.Equal(4, rule.Ranges.Count);
        Assert.Equal(4, editor.FindAll("[data-testid^=rule-0-range-][data-testid$=-min]").Count);
        Assert.Empty(editor.FindAll("[data-testid=rule-0-text]"));
    }

    [Fact]
    public void Refusal_IsShownBesideItsField()
    {
        var rule = new MappingRule { Kind = MappingRuleKind.Range, Source = "urgency", Target = "urgency", Ranges = [new NumericRange { Min = 5, Max = 4, To = "1" }] };

        var editor = Render(rule, new Dictionary<string, string> { ["Rules[0].Ranges[0].Max"] = "The upper end is at least the lower end." });

        Assert.Contains("The upper end is at least the lower end.", editor.Find("[data-testid=rule-0-range-0-max]").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Target_ShowsItsLabelAndMaxLength_FromSysDictionary()
    {
        var editor = Render(new MappingRule { Kind = MappingRuleKind.Copy, Source = "name", Target = "short_description" },
            fields: [new TargetField("short_description", "Short description", 160)]);

        Assert.Contains("Short description · at most 160 characters", editor.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void EditingAField_ChangesTheRule_AndTellsThePage()
    {
        var rule = new MappingRule { Kind = MappingRuleKind.Constant, Target = "contact_type" };
        var changed = 0;
        var editor = Context.Render<MappingRuleEditor>(parameters => parameters
            .Add(p => p.Rule, rule).Add(p => p.Index, 0).Add(p => p.Errors, new Dictionary<string, string>())
            .Add(p => p.OnChanged, () => changed++));

        MappingPreviewTests.Editable(editor.Find("[data-testid=rule-0-text]")).Input("integration");

        Assert.Equal(("integration", 1), (rule.Text, changed));
    }
}
