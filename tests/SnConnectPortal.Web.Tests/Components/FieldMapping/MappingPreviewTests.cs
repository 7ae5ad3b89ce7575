using Bunit;
using SnConnectPortal.Web.Features.FieldMapping;

namespace SnConnectPortal.Web.Tests.Components.FieldMapping;

/// <summary>The preview shows what the mapping in the editor makes of a pasted event: the payload, its warnings, or the skip.</summary>
public sealed class MappingPreviewTests : PortalComponentTest
{
    private IRenderedComponent<MappingPreview> RenderWith(TableMapping mapping, string sample)
    {
        var preview = Context.Render<MappingPreview>(parameters => parameters.Add(p => p.Mapping, mapping));
        Editable(preview.Find("[data-testid=mapping-sample]")).Change(sample);
        preview.Find("[data-testid=mapping-preview]").Click();
        return preview;
    }

    /// <summary>The input or textarea a Mud field renders (its data-testid lands on it, or on a wrapper).</summary>
    internal static AngleSharp.Dom.IElement Editable(AngleSharp.Dom.IElement field) =>
        field.TagName is "INPUT" or "TEXTAREA" ? field : field.QuerySelector("input, textarea")!;

    [Fact]
    public void Preview_ShowsTheServiceNowPayload_AndTheWarnings()
    {
        var preview = RenderWith(MappingPresets.Find(MappingPresets.IonixKey)!.Create(), """{"fields": {"name": "Open port", "urgency": "9.2", "category": "Web"}}""");

        var payload = preview.Find("[data-testid=mapping-preview-payload]").TextContent;
        Assert.Contains("\"urgency\": \"1\"", payload, StringComparison.Ordinal);
        Assert.Contains("\"short_description\": \"Open port\"", payload, StringComparison.Ordinal);
        Assert.Contains(preview.FindAll("[data-testid=mapping-preview-warning]"), w => w.TextContent.Contains("category \"Web\" is not in the value map", StringComparison.Ordinal));
        Assert.Empty(preview.FindAll("[data-testid=mapping-preview-skipped]"));
    }

    [Fact]
    public void Preview_OfAnEventBelowTheThreshold_SaysItIsSkipped()
    {
        var preview = RenderWith(MappingPresets.Find(MappingPresets.IonixKey)!.Create(), """{"name": "Weak cipher", "urgency": "4.0", "category": "PKI"}""");

        Assert.Equal("Skipped: urgency 4.0 is below the threshold of 7.0: no record is made.",
            preview.Find("[data-testid=mapping-preview-skipped]").TextContent.Trim());
    }

    [Fact]
    public void Preview_FollowsTheMappingAsEdited_BeforeItIsSaved()
    {
        var mapping = new TableMapping();
        var preview = Context.Render<MappingPreview>(parameters => parameters.Add(p => p.Mapping, mapping));
        Editable(preview.Find("[data-testid=mapping-sample]")).Change("""{"host": "db-7", "title": "Disk full"}""");

        mapping.Rules.Add(new MappingRule { Kind = MappingRuleKind.Template, Target = "short_description", Text = "{{host}}: {{title}}" });
        preview.Find("[data-testid=mapping-preview]").Click();

        Assert.Contains("\"short_description\": \"db-7: Disk full\"", preview.Find("[data-testid=mapping-preview-payload]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Preview_OfSomethingNotAnEvent_SaysWhatToFix()
    {
        var preview = RenderWith(new TableMapping(), "{\"urgency\": 9}");

        Assert.StartsWith("urgency is not a string", preview.Find("[data-testid=mapping-preview-error]").TextContent.Trim(), StringComparison.Ordinal);
    }
}
