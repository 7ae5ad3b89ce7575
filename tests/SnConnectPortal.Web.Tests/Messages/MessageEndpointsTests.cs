using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Messages;

namespace SnConnectPortal.Web.Tests.Messages;

public sealed class MessageEndpointsTests
{
    [Fact]
    public void TryParseFilter_TakesDirectionAndStatusByName_AndTheExportLinkWritesThemBack()
    {
        Assert.True(MessageEndpoints.TryParseFilter(Query("?direction=Outbound&status=DeadLettered"), out var filter, out var error));

        Assert.Null(error);
        Assert.Equal((MessageDirection.Outbound, MessageStatus.DeadLettered), (filter.Direction, filter.Status));
        Assert.Equal("?direction=Outbound&status=DeadLettered", MessageEndpoints.ExportQuery(filter));
    }

    [Theory]
    [InlineData("?status=Exploded", "status is not a message status.")]
    [InlineData("?status=3", "status is not a message status.")]
    [InlineData("?status=deadlettered", "status is not a message status.")]
    [InlineData("?status=Queued,Failed", "status is not a message status.")]
    [InlineData("?status=%20Queued", "status is not a message status.")]
    [InlineData("?direction=1", "direction must be Inbound or Outbound.")]
    [InlineData("?direction=outbound", "direction must be Inbound or Outbound.")]
    public void TryParseFilter_RefusesAnythingButAnExactName(string query, string expected)
    {
        Assert.False(MessageEndpoints.TryParseFilter(Query(query), out _, out var error));

        Assert.Equal(expected, error);
    }

    private static QueryCollection Query(string query) => new(QueryHelpers.ParseQuery(query));
}
