using SnConnectPortal.Web.Features.FieldMapping;

namespace SnConnectPortal.Web.Tests.FieldMapping;

/// <summary>The preview reads a pasted event (whole, or only its fields) as the events API would, and says what is wrong with one it cannot.</summary>
public sealed class MappingPreviewerTests
{
    private static readonly TableMapping Ionix = MappingPresets.Find(MappingPresets.IonixKey)!.Create();

    [Theory]
    [InlineData("""{"id": "ai-1", "connection": "IONIX", "table": "incident", "action": "create", "fields": {"name": "Open port", "urgency": "9.2", "category": "Cloud"}}""")]
    [InlineData("""{"name": "Open port", "urgency": "9.2", "category": "Cloud"}""")]
    public void Event_OrItsFields_GiveTheSamePayload(string sample)
    {
        var result = MappingPreviewer.Preview(Ionix, sample);

        Assert.Null(result.Error);
        Assert.Contains("\"urgency\": \"1\"", result.PayloadJson, StringComparison.Ordinal);
        Assert.Contains("\"impact\": \"2\"", result.PayloadJson, StringComparison.Ordinal);
        Assert.Null(result.SkippedReason);
    }

    [Theory]
    [InlineData("", "Paste a sample event")]
    [InlineData("[1]", "The sample is a JSON object")]
    [InlineData("{\"urgency\": 9.2}", "urgency is not a string")]
    [InlineData("{oops", "The sample is not JSON")]
    public void UnreadableSample_IsRefused_WithWhatToFix(string sample, string start)
    {
        var result = MappingPreviewer.Preview(Ionix, sample);

        Assert.StartsWith(start, result.Error, StringComparison.Ordinal);
        Assert.Null(result.PayloadJson);
    }
}
