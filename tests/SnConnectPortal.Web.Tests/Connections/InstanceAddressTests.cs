using SnConnectPortal.Web.Features.Connections;

namespace SnConnectPortal.Web.Tests.Connections;

public sealed class InstanceAddressTests
{
    private static readonly ConnectionsOptions Strict = new();

    [Theory]
    [InlineData("acme", "https://acme.service-now.com/")]
    [InlineData("  ACME  ", "https://acme.service-now.com/")]
    [InlineData("acme-dev2", "https://acme-dev2.service-now.com/")]
    [InlineData("a", "https://a.service-now.com/")]
    public void Parse_Subdomain_NormalizesToServiceNowUrl(string input, string expected) =>
        Assert.Equal(expected, InstanceAddress.Parse(input, Strict).Url?.AbsoluteUri);

    [Theory]
    [InlineData("acme_dev")]
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("ac me")]
    [InlineData("acmé")]
    public void Parse_SubdomainWithBadCharacters_IsRefusedWithTheRule(string input)
    {
        var result = InstanceAddress.Parse(input, Strict);

        Assert.False(result.IsValid);
        Assert.Contains("letters a-z, digits and hyphens", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SubdomainOver63Characters_IsRefused() =>
        Assert.False(InstanceAddress.Parse(new string('a', 64), Strict).IsValid);

    [Theory]
    [InlineData("HTTPS://Acme.Service-Now.COM", "https://acme.service-now.com/")]
    [InlineData("https://acme.service-now.com/", "https://acme.service-now.com/")]
    [InlineData("acme.service-now.com", "https://acme.service-now.com/")]
    [InlineData("https://servicenow.example.org", "https://servicenow.example.org/")]
    [InlineData("https://sn.example.org:443/", "https://sn.example.org/")]
    [InlineData("https://sn.example.org:8443", "https://sn.example.org:8443/")]
    [InlineData("https://Bücher.example", "https://xn--bcher-kva.example/")]
    [InlineData("https://8.8.8.8/", "https://8.8.8.8/")]
    public void Parse_FullUrl_NormalizesSchemeHostPortAndSlash(string input, string expected) =>
        Assert.Equal(expected, InstanceAddress.Parse(input, Strict).Url?.AbsoluteUri);

    [Theory]
    [InlineData("https://acme.service-now.com/now/nav/ui/home")]
    [InlineData("https://acme.service-now.com/nav_to.do?uri=incident.do")]
    [InlineData("https://acme.service-now.com/?sysparm_x=1")]
    [InlineData("https://acme.service-now.com/#top")]
    public void Parse_UrlWithPathOrQuery_IsRefusedAndSuggestsTheBaseAddress(string input)
    {
        var result = InstanceAddress.Parse(input, Strict);

        Assert.False(result.IsValid);
        Assert.Contains("without a path or query: https://acme.service-now.com/", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://admin:secret@acme.service-now.com/")]
    [InlineData("https://admin@acme.service-now.com/")]
    public void Parse_UrlWithUserInfo_IsRefusedAndDoesNotRepeatIt(string input)
    {
        var result = InstanceAddress.Parse(input, Strict);

        Assert.False(result.IsValid);
        Assert.Contains("Remove the user name and password", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://acme.service-now.com/", "must start with https://")]
    [InlineData("https://", "not a valid address")]
    [InlineData("https://exa mple.com/", "not a valid address")]
    [InlineData("", "Enter the instance's subdomain")]
    [InlineData("   ", "Enter the instance's subdomain")]
    public void Parse_Malformed_IsRefusedInPlainWords(string input, string expected) =>
        Assert.Contains(expected, InstanceAddress.Parse(input, Strict).Error, StringComparison.Ordinal);

    [Fact]
    public void Parse_Oversized_IsRefused() =>
        Assert.Contains("at most 500 characters", InstanceAddress.Parse("https://" + new string('a', 500) + ".com/", Strict).Error, StringComparison.Ordinal);

    [Fact]
    public void Parse_PlainHttp_IsRefusedUnlessTheHostIsAllowlisted()
    {
        var options = new ConnectionsOptions();
        options.AllowedInsecureHosts.Add("sn.example.org");

        Assert.Contains("Use https://", InstanceAddress.Parse("http://acme.service-now.com/", Strict).Error, StringComparison.Ordinal);
        Assert.Equal("http://sn.example.org/", InstanceAddress.Parse("http://SN.example.org", options).Url?.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://127.0.0.1/")]
    [InlineData("https://127.1.2.3:8443/")]
    [InlineData("https://localhost/")]
    [InlineData("https://LOCALHOST./")]
    [InlineData("https://api.localhost/")]
    [InlineData("https://10.1.2.3/")]
    [InlineData("https://172.16.0.1/")]
    [InlineData("https://172.31.255.255/")]
    [InlineData("https://192.168.1.10/")]
    [InlineData("https://169.254.169.254/")]
    [InlineData("https://100.64.0.1/")]
    [InlineData("https://0.0.0.0/")]
    [InlineData("https://[::1]/")]
    [InlineData("https://[fe80::1]/")]
    [InlineData("https://[fd00::1]/")]
    [InlineData("https://[::ffff:127.0.0.1]/")]
    [InlineData("https://[::127.0.0.1]/")]
    [InlineData("https://[64:ff9b::7f00:1]/")]
    [InlineData("https://[2002:7f00:1::1]/")]
    [InlineData("https://[ff02::1]/")]
    [InlineData("https://224.0.0.251/")]
    [InlineData("https://198.18.0.1/")]
    [InlineData("https://198.19.255.254/")]
    [InlineData("https://metadata.google.internal/")]
    public void Parse_PrivateOrLoopbackHost_IsRefused(string input) =>
        Assert.Contains("loopback or private network address", InstanceAddress.Parse(input, Strict).Error, StringComparison.Ordinal);

    [Theory]
    [InlineData("https://172.32.0.1/")]
    [InlineData("https://11.0.0.1/")]
    [InlineData("https://198.20.0.1/")]
    [InlineData("https://[2606:4700:4700::1111]/")]
    [InlineData("https://[64:ff9b::808:808]/")]
    public void Parse_PublicAddressNextToPrivateRanges_IsAccepted(string input) =>
        Assert.True(InstanceAddress.Parse(input, Strict).IsValid);

    [Fact]
    public void Parse_LoopbackOverHttp_IsAcceptedWhenBothAllowlistsNameIt()
    {
        var options = new ConnectionsOptions();
        options.AllowedInsecureHosts.Add("127.0.0.1");
        options.AllowedPrivateHosts.Add("127.0.0.1");
        var onlyInsecure = new ConnectionsOptions();
        onlyInsecure.AllowedInsecureHosts.Add("127.0.0.1");

        Assert.Equal("http://127.0.0.1:5180/", InstanceAddress.Parse("http://127.0.0.1:5180", options).Url?.AbsoluteUri);
        Assert.False(InstanceAddress.Parse("http://127.0.0.1:5180", onlyInsecure).IsValid);
    }
}
