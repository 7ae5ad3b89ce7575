using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Messages;

namespace SnConnectPortal.Web.Tests.Messages;

public sealed class MessageRowTests
{
    [Theory]
    [InlineData(MessageDirection.Outbound, MessageStatus.Failed, 400, 1, "HTTP 400")]
    [InlineData(MessageDirection.Outbound, MessageStatus.Failed, null, 1, "no HTTP response")]
    [InlineData(MessageDirection.Outbound, MessageStatus.Queued, null, 0, "not sent yet")]
    [InlineData(MessageDirection.Inbound, MessageStatus.Received, 202, 0, "HTTP 202")]
    public void HttpStatusLabel_ShowsTheCode_OrWhyThereIsNone(MessageDirection direction, MessageStatus status, int? http, int attempts, string expected)
    {
        var row = new MessageRow(1, DateTime.UnixEpoch, direction, 1, "Acme", "incident", null, null, null, status, http, null, "r-1", attempts);

        Assert.Equal(expected, row.HttpStatusLabel);
    }
}
