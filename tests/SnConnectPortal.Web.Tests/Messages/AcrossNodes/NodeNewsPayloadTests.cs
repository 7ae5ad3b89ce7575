using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Features.Messages.AcrossNodes;

namespace SnConnectPortal.Web.Tests.Messages.AcrossNodes;

public sealed class NodeNewsPayloadTests
{
    [Fact]
    public void FormatThenParse_GivesTheNodeCountAndConnections_AsNewsFromAnotherNode()
    {
        var payload = NodeNewsPayload.Format("node-a", new MessagesCommitted(500, [3, 7]));

        Assert.True(NodeNewsPayload.TryParse(payload, out var node, out var news));

        Assert.Equal(("node-a 500 3,7", "node-a", 500), (payload, node, news.Count));
        Assert.Equal([3L, 7L], news.ConnectionIds);
        Assert.True(news.FromOtherNode);
        Assert.False(news.AnyConnection);
    }

    [Fact]
    public void Format_MoreConnectionsThanANotificationHolds_SaysAnyConnection_UnderPostgresLimit()
    {
        var payload = NodeNewsPayload.Format("node-a", new MessagesCommitted(1, [.. Enumerable.Range(1_000_000, 2000).Select(i => (long)i)]));

        Assert.True(NodeNewsPayload.TryParse(payload, out _, out var news));

        Assert.Equal("node-a 1 *", payload);
        Assert.True(news.AnyConnection && news.Concerns(42));
    }

    [Theory]
    [InlineData("")]
    [InlineData("node-a 1")]
    [InlineData("node-a x 1")]
    [InlineData("node-a 1 1,x")]
    [InlineData("node-a -1 *")]
    public void Parse_TextNotFromAPortalNode_IsIgnored(string payload) =>
        Assert.False(NodeNewsPayload.TryParse(payload, out _, out _));
}
