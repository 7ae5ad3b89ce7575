using System.Net;
using SnConnectPortal.ServiceNow.Network;

namespace SnConnectPortal.ServiceNow.Tests.Network;

public class DestinationAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.20.30.40")]
    [InlineData("100.64.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("172.16.5.4")]
    [InlineData("192.168.0.1")]
    [InlineData("198.18.0.1")]
    [InlineData("198.19.255.255")]
    [InlineData("224.0.0.251")]
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::127.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("64:ff9b:1::1")]
    [InlineData("2002:7f00:1::1")]
    [InlineData("2001:0:4136:e378::1")]
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("ff05::1:3")]
    public void IsRestricted_LoopbackPrivateMulticastReservedAndEmbeddedForms(string address) =>
        Assert.True(DestinationAddresses.IsRestricted(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("149.96.1.10")]
    [InlineData("172.32.0.1")]
    [InlineData("198.20.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void IsRestricted_PublicAddresses_AreNot(string address) =>
        Assert.False(DestinationAddresses.IsRestricted(IPAddress.Parse(address)));

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST.")]
    [InlineData("api.localhost")]
    [InlineData("metadata.google.internal")]
    [InlineData("Metadata.Google.Internal.")]
    [InlineData("printer.local")]
    [InlineData("[::127.0.0.1]")]
    [InlineData("[64:ff9b::7f00:1]")]
    public void IsRestrictedHost_NamesAndLiterals(string host) =>
        Assert.True(DestinationAddresses.IsRestrictedHost(host));

    [Theory]
    [InlineData("acme.service-now.com")]
    [InlineData("localtest.me")]
    public void IsRestrictedHost_OrdinaryNames_AreLeftToTheConnectTimeCheck(string host) =>
        Assert.False(DestinationAddresses.IsRestrictedHost(host));
}
