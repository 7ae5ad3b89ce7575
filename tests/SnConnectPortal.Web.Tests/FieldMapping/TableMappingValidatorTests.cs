using SnConnectPortal.Web.Features.FieldMapping;

namespace SnConnectPortal.Web.Tests.FieldMapping;

/// <summary>What a mapping must be to be saved, each refusal keyed by the path the editor shows it beside.</summary>
public sealed class TableMappingValidatorTests
{
    private readonly TableMappingValidator _validator = new();

    private Dictionary<string, string> Errors(TableMapping mapping) =>
        _validator.Validate(mapping).Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);

    [Theory]
    [InlineData(MappingPresets.IonixKey)]
    [InlineData(MappingPresets.Wso2Key)]
    public void Presets_AreValid(string key) => Assert.Empty(Errors(MappingPresets.Find(key)!.Create()));

    [Fact]
    public void OverlappingRanges_AreRefused_BesideTheLaterRange()
    {
        var mapping = new TableMapping
        {
            Rules =
            [
                new MappingRule
                {
                    Kind = MappingRuleKind.Range, Source = "urgency", Target = "urgency",
                    Ranges = [new NumericRange { Min = 7, Max = 10, To = "1" }, new NumericRange { Min = 0, Max = 7, To = "2" }],
                },
            ],
        };

        Assert.Equal("Overlaps the range 7–10 above: a number belongs to one range.", Errors(mapping)["Rules[0].Ranges[1].Min"]);
    }

    [Fact]
    public void RangeUpsideDown_IsRefused()
    {
        var mapping = new TableMapping
        {
            Rules = [new MappingRule { Kind = MappingRuleKind.Range, Source = "s", Target = "urgency", Ranges = [new NumericRange { Min = 5, Max = 4, To = "1" }] }],
        };

        Assert.Equal("The upper end is at least the lower end.", Errors(mapping)["Rules[0].Ranges[0].Max"]);
    }

    [Fact]
    public void ValueMap_SameValueInAnotherCase_IsRefused()
    {
        var mapping = new TableMapping
        {
            Rules =
            [
                new MappingRule
                {
                    Kind = MappingRuleKind.ValueMap, Source = "category", Target = "impact",
                    Cases = [new ValueCase { From = "DNS", To = "2" }, new ValueCase { From = " dns", To = "1" }],
                },
            ],
        };

        Assert.Equal("\"dns\" is already mapped above (any case counts as the same value).", Errors(mapping)["Rules[0].Cases[1].From"]);
    }

    [Fact]
    public void TwoRulesForOneTarget_SysFields_AndCorrelationId_AreRefused()
    {
        var mapping = new TableMapping
        {
            Rules =
            [
                new MappingRule { Kind = MappingRuleKind.Constant, Target = "impact", Text = "1" },
                new MappingRule { Kind = MappingRuleKind.Constant, Target = "impact", Text = "2" },
                new MappingRule { Kind = MappingRuleKind.Constant, Target = "sys_id", Text = "x" },
                new MappingRule { Kind = MappingRuleKind.Copy, Target = "correlation_id", Source = "id" },
                new MappingRule { Kind = MappingRuleKind.Copy, Target = "Short Description", Source = "" },
            ],
        };

        var errors = Errors(mapping);

        Assert.Equal("Another rule already sets impact: one rule per target field.", errors["Rules[1].Target"]);
        Assert.StartsWith("sys_ fields are ServiceNow's", errors["Rules[2].Target"], StringComparison.Ordinal);
        Assert.StartsWith("sys_ fields are ServiceNow's", errors["Rules[3].Target"], StringComparison.Ordinal);
        Assert.StartsWith("The target is a ServiceNow column name", errors["Rules[4].Target"], StringComparison.Ordinal);
        Assert.Equal("Give the event field this rule reads.", errors["Rules[4].Source"]);
    }

    [Fact]
    public void Threshold_NeedsBothFieldAndMinimum()
    {
        Assert.Equal("Give the smallest number that still makes a record, e.g. 7.0.", Errors(new TableMapping { ThresholdField = "urgency" })["ThresholdMinimum"]);
        Assert.Equal("Give the field the minimum applies to, or clear the minimum.", Errors(new TableMapping { ThresholdMinimum = 7 })["ThresholdMinimum"]);
        Assert.Equal("A number from -1,000,000,000 to 1,000,000,000.", Errors(new TableMapping { ThresholdField = "urgency", ThresholdMinimum = 1e12m })["ThresholdMinimum"]);
    }
}
