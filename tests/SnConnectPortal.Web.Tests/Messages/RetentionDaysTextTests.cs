using SnConnectPortal.Web.Features.Messages;

namespace SnConnectPortal.Web.Tests.Messages;

/// <summary>The retention typed on the Settings page is read exactly or refused, never brought into range.</summary>
public sealed class RetentionDaysTextTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData(" 30 ", 30)]
    [InlineData("36500", 36500)]
    public void Parse_AWholeNumberInRange_IsTheDays(string text, int days) =>
        Assert.Equal((days, (string?)null), RetentionDaysText.Parse(text));

    [Theory]
    [InlineData("-5")]
    [InlineData("36501")]
    [InlineData("99999999")]
    [InlineData("99999999999999999999999")]
    [InlineData("")]
    [InlineData("1.5")]
    [InlineData("30 days")]
    [InlineData("--5")]
    public void Parse_AnythingElse_IsRefusedWithTheRange(string text)
    {
        var (days, error) = RetentionDaysText.Parse(text);

        Assert.Null(days);
        Assert.Contains("from 0 (keep for ever) to 36,500", error, StringComparison.Ordinal);
    }
}
