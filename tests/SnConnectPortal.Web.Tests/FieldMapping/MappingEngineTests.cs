using SnConnectPortal.Web.Features.FieldMapping;

namespace SnConnectPortal.Web.Tests.FieldMapping;

/// <summary>The mapping engine on the seeds' presets and on each rule's edge cases.</summary>
public sealed class MappingEngineTests
{
    private static readonly TableMapping Ionix = MappingPresets.Find(MappingPresets.IonixKey)!.Create();

    private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);

    private static Dictionary<string, string> IonixItem(string urgency, string category = "Vulnerability") =>
        Fields(("name", "Expired certificate on mail.example.com"), ("body", "The certificate expired on 2026-11-30."),
            ("category", category), ("urgency", urgency), ("opening_date", "2026-12-01 08:00:00"));

    [Theory]
    [InlineData("10.0", "1")]
    [InlineData("9.0", "1")]
    [InlineData("8.9", "2")]
    [InlineData("7.0", "2")]
    [InlineData(" 9.5 ", "1")]
    [InlineData("1e1", "1")]
    public void IonixPreset_Urgency_FollowsIonixScale(string urgency, string expected)
    {
        var outcome = MappingEngine.Map(Ionix, IonixItem(urgency));

        Assert.Equal(expected, outcome.Payload.Fields["urgency"]);
        Assert.False(outcome.Skipped);
        Assert.Empty(outcome.Warnings);
    }

    [Fact]
    public void IonixPreset_ActionItem_BecomesTheIncidentOfTheSeedsTransformMap()
    {
        var outcome = MappingEngine.Map(Ionix, IonixItem("9.5"));

        Assert.Equal(new Dictionary<string, string>
        {
            ["short_description"] = "Expired certificate on mail.example.com",
            ["description"] = "The certificate expired on 2026-11-30.",
            ["category"] = "Vulnerability",
            ["impact"] = "1",
            ["urgency"] = "1",
            ["opened_at"] = "2026-12-01 08:00:00",
        }, outcome.Payload.Fields);
        Assert.Empty(outcome.Payload.HubUsers);
        Assert.DoesNotContain("priority", outcome.Payload.Fields.Keys); // ServiceNow's impact × urgency matrix decides it
    }

    [Theory]
    [InlineData("Vulnerability", "1")]
    [InlineData("PKI", "2")]
    [InlineData("dns", "2")]
    [InlineData(" Cloud ", "2")]
    public void IonixPreset_Impact_FollowsTheCategory_InAnyCase(string category, string impact)
    {
        var outcome = MappingEngine.Map(Ionix, IonixItem("9.1", category));

        Assert.Equal(impact, outcome.Payload.Fields["impact"]);
        Assert.Empty(outcome.Warnings);
    }

    [Fact]
    public void IonixPreset_UnknownCategory_GetsTheDefaultImpact_WithAWarning()
    {
        var outcome = MappingEngine.Map(Ionix, IonixItem("9.1", "Web"));

        Assert.Equal("3", outcome.Payload.Fields["impact"]);
        Assert.Equal("category \"Web\" is not in the value map: impact is set to its default \"3\".", Assert.Single(outcome.Warnings));
    }

    [Theory]
    [InlineData("6.9")]
    [InlineData("0")]
    [InlineData("-1")]
    public void IonixPreset_UrgencyBelowTheThreshold_IsSkippedWithTheReason(string urgency)
    {
        var outcome = MappingEngine.Map(Ionix, IonixItem(urgency));

        Assert.True(outcome.Skipped);
        Assert.Equal($"urgency {urgency} is below the threshold of 7.0: no record is made.", outcome.SkippedReason);
    }

    [Fact]
    public void Threshold_MissingField_IsSkipped_AsItCannotBeMet()
    {
        var fields = IonixItem("9");
        fields.Remove("urgency");

        var outcome = MappingEngine.Map(Ionix, fields);

        Assert.Equal("The event has no urgency, so the threshold (urgency at least 7.0) cannot be met: no record is made.", outcome.SkippedReason);
    }

    [Theory]
    [InlineData("high")]
    [InlineData("9,5")]
    [InlineData("")]
    public void Threshold_NotANumber_IsSkipped(string urgency)
    {
        var outcome = MappingEngine.Map(Ionix, IonixItem(urgency));

        Assert.Equal($"urgency \"{urgency}\" is not a number, so the threshold (urgency at least 7.0) cannot be met: no record is made.", outcome.SkippedReason);
    }

    [Fact]
    public void Range_NumberBetweenTwoRanges_LeavesTheFieldOut_WithAWarning()
    {
        var outcome = MappingEngine.Map(Ionix, IonixItem("8.95"));

        Assert.DoesNotContain("urgency", outcome.Payload.Fields.Keys);
        Assert.Equal("urgency 8.95 is in none of the ranges: urgency is left out.", Assert.Single(outcome.Warnings));
        Assert.False(outcome.Skipped);
    }

    [Fact]
    public void Wso2Preset_Caller_IsTheHubUserOfTheUserName_ResolvedAtDelivery()
    {
        var wso2 = MappingPresets.Find(MappingPresets.Wso2Key)!.Create();

        var outcome = MappingEngine.Map(wso2, Fields(("username", " jdoe "), ("title", "VPN down"), ("description", "Since 9:00")));

        Assert.Equal("jdoe", outcome.Payload.HubUsers["caller_id"]);
        Assert.Equal(new Dictionary<string, string> { ["short_description"] = "VPN down", ["description"] = "Since 9:00" }, outcome.Payload.Fields);
        Assert.Equal("""{"short_description":"VPN down","description":"Since 9:00","caller_id":{"hubUser":"jdoe"}}""", outcome.Payload.ToJson());
    }

    [Fact]
    public void Template_FillsPlaceholders_AndLeavesAMissingOneEmpty_WithAWarning()
    {
        var mapping = new TableMapping { Rules = [new MappingRule { Kind = MappingRuleKind.Template, Target = "short_description", Text = "{{host}}: {{ title }}" }] };

        var full = MappingEngine.Map(mapping, Fields(("host", "db-7"), ("title", "Disk full")));
        var partial = MappingEngine.Map(mapping, Fields(("title", "Disk full")));

        Assert.Equal("db-7: Disk full", full.Payload.Fields["short_description"]);
        Assert.Equal(": Disk full", partial.Payload.Fields["short_description"]);
        Assert.Equal("The event has no host: it is left empty in short_description.", Assert.Single(partial.Warnings));
    }

    [Fact]
    public void Constant_AndCopy_MissingSourceLeavesTheFieldOut()
    {
        var mapping = new TableMapping
        {
            Rules =
            [
                new MappingRule { Kind = MappingRuleKind.Constant, Target = "contact_type", Text = "integration" },
                new MappingRule { Kind = MappingRuleKind.Copy, Source = "title", Target = "short_description" },
            ],
        };

        var outcome = MappingEngine.Map(mapping, Fields(("other", "x")));

        Assert.Equal(new Dictionary<string, string> { ["contact_type"] = "integration" }, outcome.Payload.Fields);
        Assert.Equal("The event has no title: short_description is left out.", Assert.Single(outcome.Warnings));
    }

    [Fact]
    public void Value_LongerThanItsFieldsMaxLength_IsCut_WithAWarning()
    {
        var mapping = new TableMapping
        {
            Rules = [new MappingRule { Kind = MappingRuleKind.Copy, Source = "name", Target = "short_description" }],
            TargetFields = [new TargetField("short_description", "Short description", 160)],
        };

        var outcome = MappingEngine.Map(mapping, Fields(("name", new string('x', 200))));

        Assert.Equal(new string('x', 160), outcome.Payload.Fields["short_description"]);
        Assert.Equal("short_description had 200 characters: cut to 160, its max_length in sys_dictionary.", Assert.Single(outcome.Warnings));
    }

    [Fact]
    public void Cut_NeverSplitsASurrogatePair()
    {
        var mapping = new TableMapping
        {
            Rules = [new MappingRule { Kind = MappingRuleKind.Copy, Source = "name", Target = "short_description" }],
            TargetFields = [new TargetField("short_description", "Short description", 3)],
        };

        var outcome = MappingEngine.Map(mapping, Fields(("name", "ab😀cd")));

        Assert.Equal("ab", outcome.Payload.Fields["short_description"]);
    }

    [Fact]
    public void NoMapping_PassesTheFieldsThrough()
    {
        var fields = Fields(("short_description", "Disk full"), ("urgency", "2"));

        var outcome = new IntakeMappings(new Dictionary<(long, string), TableMapping> { [(2, "incident")] = Ionix }).Map(1, "incident", fields);

        Assert.Equal(fields, outcome.Payload.Fields);
        Assert.False(outcome.Skipped);
    }
}
