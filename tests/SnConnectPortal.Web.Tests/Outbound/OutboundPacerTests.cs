using Microsoft.Extensions.Time.Testing;
using SnConnectPortal.Web.Features.Outbound;

namespace SnConnectPortal.Web.Tests.Outbound;

/// <summary>The per-connection pace of deliveries (spacing, 429 hold-off, deliveries in flight), driven by a fake clock.</summary>
public sealed class OutboundPacerTests
{
    private const int InFlightPerConnection = 4;
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void NoDeliveryYet_NothingIsPaced()
    {
        var pacer = new OutboundPacer(_clock);

        Assert.Empty(pacer.Paced(InFlightPerConnection));
        Assert.Null(pacer.UntilNextSlot());
    }

    [Fact]
    public void AfterADelivery_TheConnectionWaits60SecondsOverItsLimit()
    {
        var pacer = new OutboundPacer(_clock);

        pacer.Started(7, perMinute: 120);
        var justAfter = pacer.Paced(InFlightPerConnection);
        var wait = pacer.UntilNextSlot();
        _clock.Advance(TimeSpan.FromMilliseconds(499));
        var almost = pacer.Paced(InFlightPerConnection);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal([7L], justAfter);
        Assert.Equal(TimeSpan.FromMilliseconds(500), wait);
        Assert.Equal([7L], almost);
        Assert.Empty(pacer.Paced(InFlightPerConnection));
        Assert.Null(pacer.UntilNextSlot());
    }

    [Fact]
    public void Connections_ArePacedIndependently()
    {
        var pacer = new OutboundPacer(_clock);

        pacer.Started(1, perMinute: 1);
        pacer.Started(2, perMinute: 60);
        var both = pacer.Paced(InFlightPerConnection);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([1L, 2L], both.Order());
        Assert.Equal([1L], pacer.Paced(InFlightPerConnection));
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

    [Fact]
    public void HoldOff_PacesTheWholeConnection_UntilRetryAfterHasPassed_WithoutShorteningALaterSlot()
    {
        var pacer = new OutboundPacer(_clock);

        pacer.HoldOff(7, TimeSpan.FromSeconds(30));
        var held = pacer.Paced(InFlightPerConnection);
        var wait = pacer.UntilNextSlot();
        pacer.Started(8, perMinute: 1);
        pacer.HoldOff(8, TimeSpan.FromSeconds(5));
        _clock.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal([7L], held);
        Assert.Equal(TimeSpan.FromSeconds(30), wait);
        Assert.Equal([8L], pacer.Paced(InFlightPerConnection)); // its one-a-minute slot outlasts the 5 s hold-off
    }

    [Fact]
    public void ConnectionWithAllItsDeliveriesInFlight_IsPaced_UntilOneFinishes()
    {
        var pacer = new OutboundPacer(_clock);

        for (var i = 0; i < InFlightPerConnection; i++)
        {
            pacer.Claimed(7);
        }

        pacer.Claimed(8);
        var full = pacer.Paced(InFlightPerConnection);
        pacer.Finished(7);

        Assert.Equal([7L], full);
        Assert.Empty(pacer.Paced(InFlightPerConnection));
    }
}
