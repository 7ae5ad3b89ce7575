using SnConnectPortal.Web.Features.FieldMapping;

namespace SnConnectPortal.Web.Tests.FieldMapping;

/// <summary>What the audit log records of a save: each rule and the threshold that changed, from → to, in words.</summary>
public sealed class FieldMappingChangesTests
{
    [Fact]
    public void Changes_NameEachChangedRuleAndTheThreshold_FromTo()
    {
        var before = MappingPresets.Find(MappingPresets.IonixKey)!.Create();
        var after = before.Copy();
        after.Rules.RemoveAll(r => r.Target == "opened_at");
        after.Rules.Single(r => r.Target == "impact").Default = "2";
        after.ThresholdMinimum = 9.0m;

        var changes = FieldMappingStore.Changes(before, after);

        Assert.Equal(
        [
            ("Rule for impact", "value map of category: Vulnerability → 1, PKI → 2, DNS → 2, Cloud → 2; otherwise 3",
                "value map of category: Vulnerability → 1, PKI → 2, DNS → 2, Cloud → 2; otherwise 2"),
            ("Rule for opened_at", "copy of opening_date", null),
            ("Threshold", "urgency at least 7.0", "urgency at least 9.0"),
        ], changes.Select(c => (c.Field, c.From, c.To)));
    }

    [Fact]
    public void Changes_OfANewMapping_StartFromNothing()
    {
        var changes = FieldMappingStore.Changes(null, MappingPresets.Find(MappingPresets.Wso2Key)!.Create());

        Assert.Equal(("Rule for caller_id", (string?)null, "ServiceNow user of the hub user in username"), (changes[0].Field, changes[0].From, changes[0].To));
        Assert.Equal(("Threshold", (string?)null, "none"), (changes[^1].Field, changes[^1].From, changes[^1].To));
    }
}
