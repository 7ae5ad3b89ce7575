using Microsoft.Extensions.Time.Testing;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Outbound;

namespace SnConnectPortal.Web.Tests.Outbound;

/// <summary>The per-connection pace of deliveries (the rate limit's window, 429 hold-off, deliveries in flight), driven by a fake clock.</summary>
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
    public void UnderALimitOfNPerPeriod_NStartAtOnce_AndTheNextWaitsUntilTheFirstLeavesTheWindow()
    {
        var pacer = new OutboundPacer(_clock);
        var limit = new OutboundRateLimit(3, RateLimitPeriod.Second);

        pacer.Started(7, limit);
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        pacer.Started(7, limit);
        var afterTwo = pacer.Paced(InFlightPerConnection);
        pacer.Started(7, limit);
        var afterThree = pacer.Paced(InFlightPerConnection);
        var wait = pacer.UntilNextSlot();
        _clock.Advance(TimeSpan.FromMilliseconds(899));
        var almost = pacer.Paced(InFlightPerConnection);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Empty(afterTwo);
        Assert.Equal([7L], afterThree);
        Assert.Equal(TimeSpan.FromMilliseconds(900), wait); // the first start, 0.1 s ago, leaves the window in 0.9 s
        Assert.Equal([7L], almost);
        Assert.Empty(pacer.Paced(InFlightPerConnection));
        Assert.Null(pacer.UntilNextSlot());
    }

    [Fact]
    public void AnHourlyLimit_AllowsItsBurst_ThenWaitsAnHourFromTheFirstStart()
    {
        var pacer = new OutboundPacer(_clock);
        var limit = new OutboundRateLimit(1_000, RateLimitPeriod.Hour);

        for (var i = 0; i < 999; i++)
        {
            pacer.Started(7, limit);
        }

        var before = pacer.Paced(InFlightPerConnection);
        _clock.Advance(TimeSpan.FromMinutes(10));
        pacer.Started(7, limit);

        Assert.Empty(before);
        Assert.Equal([7L], pacer.Paced(InFlightPerConnection));
        Assert.Equal(TimeSpan.FromMinutes(50), pacer.UntilNextSlot());
    }

    [Fact]
    public void Connections_ArePacedIndependently()
    {
        var pacer = new OutboundPacer(_clock);

        pacer.Started(1, new OutboundRateLimit(1, RateLimitPeriod.Minute));
        pacer.Started(2, new OutboundRateLimit(1, RateLimitPeriod.Second));
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

        pacer.Started(7, new OutboundRateLimit(1, RateLimitPeriod.Hour));
        var atOneAnHour = pacer.UntilNextSlot();
        pacer.Started(7, new OutboundRateLimit(10, RateLimitPeriod.Minute));
        var atTenAMinute = pacer.Paced(InFlightPerConnection);
        pacer.Started(7, limit: null);

        Assert.Equal(TimeSpan.FromHours(1), atOneAnHour);
        Assert.Empty(atTenAMinute);
        Assert.Empty(pacer.Paced(InFlightPerConnection));
        Assert.Null(pacer.UntilNextSlot());
    }

    [Fact]
    public void NoLimit_NeverPaces()
    {
        var pacer = new OutboundPacer(_clock);

        for (var i = 0; i < 10_000; i++)
        {
            pacer.Started(7, limit: null);
        }

        Assert.Empty(pacer.Paced(InFlightPerConnection));
        Assert.Null(pacer.UntilNextSlot());
    }

    [Fact]
    public void HoldOff_PacesTheWholeConnection_UntilRetryAfterHasPassed_WithoutShorteningALaterSlot()
    {
        var pacer = new OutboundPacer(_clock);

        pacer.HoldOff(7, TimeSpan.FromSeconds(30));
        var held = pacer.Paced(InFlightPerConnection);
        var wait = pacer.UntilNextSlot();
        pacer.Started(8, new OutboundRateLimit(1, RateLimitPeriod.Minute));
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
