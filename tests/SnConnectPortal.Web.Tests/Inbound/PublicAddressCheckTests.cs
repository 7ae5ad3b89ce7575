using SnConnectPortal.Web.Features.Inbound;

namespace SnConnectPortal.Web.Tests.Inbound;

public sealed class PublicAddressCheckTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://localhost:5000/")]
    [InlineData("https://10.1.2.3/")]
    [InlineData("https://192.168.1.20:8443/")]
    [InlineData("http://[::1]:5000/")]
    public void LoopbackOrPrivateAddress_IsWarnedAbout_WithHowToSetThePublicAddress(string address)
    {
        var warning = PublicAddressCheck.Warning(new Uri(address), configured: false);

        Assert.NotNull(warning);
        Assert.Contains("cannot reach", warning, StringComparison.Ordinal);
        Assert.Contains("Inbound:PublicBaseUrl", warning, StringComparison.Ordinal);
        Assert.Contains("Inbound__PublicBaseUrl", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfiguredPrivateAddress_SaysItIsTheSetting() =>
        Assert.StartsWith("A ServiceNow instance cannot reach https://10.0.0.8/: it is a loopback or private address (the value of Inbound:PublicBaseUrl).",
            PublicAddressCheck.Warning(new Uri("https://10.0.0.8/"), configured: true), StringComparison.Ordinal);

    [Fact]
    public void SetupKit_GetsTheOneLineWarning() =>
        Assert.Equal("This kit points ServiceNow at http://127.0.0.1:5000/, which a ServiceNow instance cannot reach: set Inbound:PublicBaseUrl first (see above).",
            PublicAddressCheck.BriefWarning(new Uri("http://127.0.0.1:5000/"), configured: false));

    [Theory]
    [InlineData("https://portal.example.com/")]
    [InlineData("https://20.40.60.80/")]
    public void PublicAddress_IsNotWarnedAbout(string address)
    {
        Assert.Null(PublicAddressCheck.Warning(new Uri(address), configured: true));
        Assert.Null(PublicAddressCheck.BriefWarning(new Uri(address), configured: true));
    }
}
