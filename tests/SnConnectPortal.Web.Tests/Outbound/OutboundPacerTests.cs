using Microsoft.Extensions.Time.Testing;
using SnConnectPortal.Web.Features.Outbound;

namespace SnConnectPortal.Web.Tests.Outbound;

/// <summary>The per-connection spacing of deliveries, driven by a fake clock.</summary>
public sealed class OutboundPacerTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void NoDeliveryYet_NothingIsPaced()
    {
        var pacer = new OutboundPacer(_clock);

        Assert.Empty(pacer.Paced());
        Assert.Null(pacer.UntilNextSlot());
    }

    [Fact]
    public void AfterADelivery_TheConnectionWaits60SecondsOverItsLimit()
    {
        var pacer = new OutboundPacer(_clock);

        pacer.Started(7, perMinute: 120);
        var justAfter = pacer.Paced();
        var wait = pacer.UntilNextSlot();
        _clock.Advance(TimeSpan.FromMilliseconds(499));
        var almost = pacer.Paced();
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal([7L], justAfter);
        Assert.Equal(TimeSpan.FromMilliseconds(500), wait);
        Assert.Equal([7L], almost);
        Assert.Empty(pacer.Paced());
        Assert.Null(pacer.UntilNextSlot());
    }

    [Fact]
    public void Connections_ArePacedIndependently()
    {
        var pacer = new OutboundPacer(_clock);

        pacer.Started(1, perMinute: 1);
        pacer.Started(2, perMinute: 60);
        var both = pacer.Paced();
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([1L, 2L], both.Order());
        Assert.Equal([1L], pacer.Paced());
        Assert.Equal(TimeSpan.FromSeconds(59), pacer.UntilNextSlot());
    }

    [Fact]
    public void ChangedLimit_AppliesFromTheNextDelivery()
    {
        var pacer = new OutboundPacer(_clock);

        pacer.Started(7, perMinute: 1);
        var atOneAMinute = pacer.UntilNextSlot();
        _clock.Advance(TimeSpan.FromMinutes(1));
        pacer.Started(7, perMinute: 600);

        Assert.Equal(TimeSpan.FromMinutes(1), atOneAMinute);
        Assert.Equal(TimeSpan.FromMilliseconds(100), pacer.UntilNextSlot());
    }

    [Fact]
    public void LimitBelowOne_IsPacedAsOneAMinute()
    {
        var pacer = new OutboundPacer(_clock);

        pacer.Started(7, perMinute: 0);

        Assert.Equal(TimeSpan.FromMinutes(1), pacer.UntilNextSlot());
    }
}
