using SnConnectPortal.Web.Features.Outbound;

namespace SnConnectPortal.Web.Tests.Outbound;

public sealed class OutboundPayloadTests
{
    [Fact]
    public void ToJson_ThenParse_KeepsFieldsAndHubUserReferences()
    {
        var payload = new OutboundPayload(
            new Dictionary<string, string> { ["short_description"] = "Printer \"on fire\"", ["urgency"] = "1" },
            new Dictionary<string, string> { ["caller_id"] = "agent-7" });

        var json = payload.ToJson();
        var parsed = OutboundPayload.Parse(json);

        Assert.Equal("""{"short_description":"Printer \u0022on fire\u0022","urgency":"1","caller_id":{"hubUser":"agent-7"}}""", json);
        Assert.Equal(payload.Fields, parsed!.Fields);
        Assert.Equal(payload.HubUsers, parsed.HubUsers);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("""{"urgency": 1}""")]
    [InlineData("""{"caller_id": {"user": "agent-7"}}""")]
    [InlineData("""{"caller_id": {"hubUser": 7}}""")]
    [InlineData("""{"short_description": "unterminated""")]
    [InlineData("")]
    public void Parse_AnythingButStringsAndHubUserReferences_IsNull(string json) => Assert.Null(OutboundPayload.Parse(json));
}
