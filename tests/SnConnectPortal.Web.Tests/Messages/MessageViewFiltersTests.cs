using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Messages;

namespace SnConnectPortal.Web.Tests.Messages;

public sealed class MessageViewFiltersTests
{
    private static readonly DateTime Now = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ToFilter_CountsTheRangeBackFromNow_AndTrimsTheText()
    {
        var filters = new MessageViewFilters { ConnectionId = 7, Direction = MessageDirection.Outbound, Status = MessageStatus.Failed, Range = "Last 24 hours", Text = "  INC001 " };

        var filter = filters.ToFilter(Now);

        Assert.Equal(new MessageFilter { ConnectionId = 7, Direction = MessageDirection.Outbound, Status = MessageStatus.Failed, From = Now.AddHours(-24), Text = "INC001" }, filter);
    }

    [Fact]
    public void ToFilter_AllTimeAndBlankText_FilterNeither()
    {
        var filter = new MessageViewFilters { Text = "   " }.ToFilter(Now);

        Assert.Null(filter.From);
        Assert.Null(filter.Text);
    }

    [Fact]
    public void Describe_SaysEveryFilterInWords()
    {
        var filters = new MessageViewFilters { ConnectionId = 7, Status = MessageStatus.Failed, Range = "Last hour", Text = "PRB" };

        var words = filters.Describe([new ConnectionChoice(7, "Acme")]);

        Assert.Equal("connection Acme, status Failed, last hour, text \"PRB\"", words);
    }
}
