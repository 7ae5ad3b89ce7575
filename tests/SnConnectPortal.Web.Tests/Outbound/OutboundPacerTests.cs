using Microsoft.Extensions.Time.Testing;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Outbound;

namespace SnConnectPortal.Web.Tests.Outbound;

/// <summary>The per-connection pace of deliveries (the rate limit's tokens, 429 hold-off, deliveries in flight), driven by a fake clock.</summary>
public sealed class OutboundPacerTests
{
    private const int InFlightPerConnection = 4;
    private static readonly Dictionary<long, OutboundRateLimit> NoLimits = [];
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void NoDeliveryYet_NothingIsPaced_AndAClaimMayTakeAConnectionsWorth()
    {
        var pacer = new OutboundPacer(_clock);

        Assert.Equal(("", InFlightPerConnection), Paced(pacer, NoLimits));
        Assert.Null(pacer.UntilNextSlot());
    }

    [Fact]
    public void UnderALimitOfNPerPeriod_NGoAtOnce_AndATokenComesBackOnePeriodAfterItsDeliveryFinished()
    {
        var pacer = new OutboundPacer(_clock);
        var limits = new Dictionary<long, OutboundRateLimit> { [7] = new(3, RateLimitPeriod.Second) };

        var first = Paced(pacer, limits);
        pacer.Claimed(7, limits[7]);
        pacer.Claimed(7, limits[7]);
        var afterTwo = Paced(pacer, limits);
        pacer.Claimed(7, limits[7]);
        var afterThree = Paced(pacer, limits);
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        pacer.Finished(7); // its request may have reached the instance just now: the token is back a second from now
        var wait = pacer.UntilNextSlot();
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        var almost = Paced(pacer, limits);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(3, first.Allowance); // a burst of three may be claimed at once
        Assert.Equal(("", 1), afterTwo);
        Assert.Equal("7", afterThree.Excluded);
        Assert.Equal(TimeSpan.FromSeconds(1), wait);
        Assert.Equal("7", almost.Excluded);
        Assert.Equal(("", 1), Paced(pacer, limits));
    }

    [Fact]
    public void WithEveryTokenInFlight_TheConnectionWaitsAtLeastAPeriod()
    {
        var pacer = new OutboundPacer(_clock);
        var limits = new Dictionary<long, OutboundRateLimit> { [7] = new(1, RateLimitPeriod.Minute) };

        pacer.Claimed(7, limits[7]);

        Assert.Equal("7", Paced(pacer, limits).Excluded);
        Assert.Equal(TimeSpan.FromMinutes(1), pacer.UntilNextSlot());
    }

    [Fact]
    public void AnHourlyLimit_AllowsItsBurst_ThenWaitsAnHourFromTheFirstFinish()
    {
        var pacer = new OutboundPacer(_clock);
        var limits = new Dictionary<long, OutboundRateLimit> { [7] = new(1_000, RateLimitPeriod.Hour) };

        for (var i = 0; i < 999; i++)
        {
            pacer.Claimed(7, limits[7]);
            pacer.Finished(7);
        }

        var before = Paced(pacer, limits);
        _clock.Advance(TimeSpan.FromMinutes(10));
        pacer.Claimed(7, limits[7]);
        pacer.Finished(7);

        Assert.Equal(("", 1), before);
        Assert.Equal("7", Paced(pacer, limits).Excluded);
        Assert.Equal(TimeSpan.FromMinutes(50), pacer.UntilNextSlot());
    }

    [Fact]
    public void Connections_ArePacedIndependently_AndABatchStaysWithinTheTightestAllowance()
    {
        var pacer = new OutboundPacer(_clock);
        var limits = new Dictionary<long, OutboundRateLimit> { [1] = new(1, RateLimitPeriod.Minute), [2] = new(1, RateLimitPeriod.Second), [3] = new(2, RateLimitPeriod.Second) };

        pacer.Claimed(1, limits[1]);
        pacer.Finished(1);
        pacer.Claimed(2, limits[2]);
        pacer.Finished(2);
        var both = Paced(pacer, limits);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("1,2", both.Excluded);
        Assert.Equal(2, both.Allowance); // connection 3 may take two
        Assert.Equal("1", Paced(pacer, limits).Excluded);
        Assert.Equal(TimeSpan.FromSeconds(59), pacer.UntilNextSlot());
    }

    [Fact]
    public void ChangedLimit_AppliesFromTheNextClaim()
    {
        var pacer = new OutboundPacer(_clock);
        var hourly = new Dictionary<long, OutboundRateLimit> { [7] = new(1, RateLimitPeriod.Hour) };

        pacer.Claimed(7, hourly[7]);
        pacer.Finished(7);
        var atOneAnHour = pacer.UntilNextSlot();
        var atThreeAMinute = Paced(pacer, new Dictionary<long, OutboundRateLimit> { [7] = new(3, RateLimitPeriod.Minute) });
        var switchedOff = Paced(pacer, NoLimits);

        Assert.Equal(TimeSpan.FromHours(1), atOneAnHour);
        Assert.Equal(("", 2), atThreeAMinute); // the token spent under the old limit still counts
        Assert.Equal(("", InFlightPerConnection), switchedOff);
        Assert.Null(pacer.UntilNextSlot());
    }

    [Fact]
    public void NoLimit_NeverPaces()
    {
        var pacer = new OutboundPacer(_clock);

        for (var i = 0; i < 10_000; i++)
        {
            pacer.Claimed(7, limit: null);
            pacer.Finished(7);
        }

        Assert.Equal("", Paced(pacer, NoLimits).Excluded);
        Assert.Null(pacer.UntilNextSlot());
    }

    [Fact]
    public void HoldOff_PacesTheWholeConnection_UntilRetryAfterHasPassed_WithoutShorteningALaterSlot()
    {
        var pacer = new OutboundPacer(_clock);
        var limits = new Dictionary<long, OutboundRateLimit> { [8] = new(1, RateLimitPeriod.Minute) };

        pacer.HoldOff(7, TimeSpan.FromSeconds(30));
        var held = Paced(pacer, NoLimits);
        var wait = pacer.UntilNextSlot();
        pacer.Claimed(8, limits[8]);
        pacer.Finished(8);
        pacer.HoldOff(8, TimeSpan.FromSeconds(5));
        _clock.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal("7", held.Excluded);
        Assert.Equal(TimeSpan.FromSeconds(30), wait);
        Assert.Equal("8", Paced(pacer, limits).Excluded); // its one-a-minute slot outlasts the 5 s hold-off
    }

    [Fact]
    public void ConnectionWithAllItsDeliveriesInFlight_IsPaced_UntilOneFinishes()
    {
        var pacer = new OutboundPacer(_clock);

        for (var i = 0; i < InFlightPerConnection; i++)
        {
            pacer.Claimed(7, limit: null);
        }

        pacer.Claimed(8, limit: null);
        var full = Paced(pacer, NoLimits);
        pacer.Finished(7);

        Assert.Equal(("7", InFlightPerConnection - 1), full); // connection 8 has three slots left
        Assert.Equal(("", 1), Paced(pacer, NoLimits));
    }

    /// <summary>The connections excluded (in order, comma-separated) and the claim's allowance.</summary>
    private static (string Excluded, int Allowance) Paced(OutboundPacer pacer, Dictionary<long, OutboundRateLimit> limits)
    {
        var pace = pacer.Paced(InFlightPerConnection, limits);
        return (string.Join(",", pace.Excluded.Order()), pace.Allowance);
    }
}
