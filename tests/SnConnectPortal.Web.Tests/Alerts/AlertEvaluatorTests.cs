using Microsoft.Extensions.Time.Testing;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Alerts;

namespace SnConnectPortal.Web.Tests.Alerts;

/// <summary>Each alert condition opens once, stays quiet while it holds, and resolves once, driven by a fake clock.</summary>
public sealed class AlertEvaluatorTests
{
    private static readonly AlertThresholds Thresholds = new(BacklogAgeMinutes: 30, InboundSilenceMinutes: 60, ExpiryWarningDays: 14, RefreshTokenLifespanDays: 100);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    [Fact]
    public void Healthy_OpensNothing()
    {
        var evaluation = AlertEvaluator.Evaluate([Facts()], [], Thresholds, Now);

        Assert.Empty(evaluation.Open);
        Assert.Empty(evaluation.Resolve);
    }

    [Fact]
    public void Backlog_OpensWhenTheOldestWaitingPassesTheAge_OnceWhileItHolds_AndResolvesWhenItCatchesUp()
    {
        var queuedAt = Now;
        var lifecycle = new Lifecycle(this);

        _clock.Advance(TimeSpan.FromMinutes(29));
        lifecycle.Step(Facts() with { OldestWaitingSince = queuedAt });
        _clock.Advance(TimeSpan.FromMinutes(1));
        lifecycle.Step(Facts() with { OldestWaitingSince = queuedAt });
        _clock.Advance(TimeSpan.FromMinutes(10));
        lifecycle.Step(Facts() with { OldestWaitingSince = queuedAt });
        lifecycle.Step(Facts() with { OldestWaitingSince = Now.AddMinutes(-2) });

        Assert.Equal([null, "open", null, "resolve"], lifecycle.Changes(AlertKind.DeliveryBacklog));
        Assert.Contains("waited 30 min (the threshold is 30 min)", lifecycle.OpenDetail(AlertKind.DeliveryBacklog), StringComparison.Ordinal);
    }

    [Fact]
    public void Backlog_AtZero_IsOff()
    {
        var evaluation = AlertEvaluator.Evaluate([Facts() with { OldestWaitingSince = Now.AddDays(-3) }], [], Thresholds with { BacklogAgeMinutes = 0 }, Now);

        Assert.Empty(evaluation.Open);
    }

    [Fact]
    public void DeadLetters_OpenWhenTheyAppear_AndResolveWhenNoneIsLeft()
    {
        var lifecycle = new Lifecycle(this);

        lifecycle.Step(Facts() with { DeadLetters = 1 });
        lifecycle.Step(Facts() with { DeadLetters = 5 });
        lifecycle.Step(Facts());

        Assert.Equal(["open", null, "resolve"], lifecycle.Changes(AlertKind.DeadLetters));
        Assert.Contains("1 outbound message(s) ended Failed or Dead-lettered", lifecycle.OpenDetail(AlertKind.DeadLetters), StringComparison.Ordinal);
    }

    [Fact]
    public void InboundSilence_OpensAfterTheThreshold_AndResolvesWhenAMessageArrives()
    {
        var lastInbound = Now;
        var lifecycle = new Lifecycle(this);

        _clock.Advance(TimeSpan.FromMinutes(59));
        lifecycle.Step(Facts() with { LastInboundAt = lastInbound });
        _clock.Advance(TimeSpan.FromMinutes(2));
        lifecycle.Step(Facts() with { LastInboundAt = lastInbound });
        _clock.Advance(TimeSpan.FromHours(5));
        lifecycle.Step(Facts() with { LastInboundAt = lastInbound });
        lifecycle.Step(Facts() with { LastInboundAt = Now });

        Assert.Equal([null, "open", null, "resolve"], lifecycle.Changes(AlertKind.InboundSilence));
    }

    [Fact]
    public void InboundSilence_NeverAlertsForAConnectionThatNeverReceivedAnything()
    {
        _clock.Advance(TimeSpan.FromDays(30));

        var evaluation = AlertEvaluator.Evaluate([Facts() with { LastInboundAt = null }], [], Thresholds, Now);

        Assert.Empty(evaluation.Open);
    }

    [Fact]
    public void RefreshToken_OpensTheWarningDaysBeforeItsLifespanEnds_AndResolvesWhenReplaced()
    {
        var obtained = Now;
        var lifecycle = new Lifecycle(this);

        _clock.Advance(TimeSpan.FromDays(85) + TimeSpan.FromHours(23));
        lifecycle.Step(Facts() with { RefreshTokenSetAt = obtained });
        _clock.Advance(TimeSpan.FromHours(1));
        lifecycle.Step(Facts() with { RefreshTokenSetAt = obtained });
        _clock.Advance(TimeSpan.FromDays(20));
        lifecycle.Step(Facts() with { RefreshTokenSetAt = obtained });
        lifecycle.Step(Facts() with { RefreshTokenSetAt = Now });

        Assert.Equal([null, "open", null, "resolve"], lifecycle.Changes(AlertKind.RefreshTokenExpiring));
        Assert.Contains("ends on 2027-03-13, in 14 day(s)", lifecycle.OpenDetail(AlertKind.RefreshTokenExpiring), StringComparison.Ordinal);
    }

    [Fact]
    public void Certificate_OpensTheWarningDaysBeforeItExpires_AndResolvesWhenRenewed()
    {
        var lifecycle = new Lifecycle(this);

        lifecycle.Step(Facts() with { CertificateExpiresAt = Now.AddDays(15) });
        lifecycle.Step(Facts() with { CertificateExpiresAt = Now.AddDays(13) });
        lifecycle.Step(Facts() with { CertificateExpiresAt = Now.AddDays(-1) });
        lifecycle.Step(Facts() with { CertificateExpiresAt = Now.AddDays(365) });

        Assert.Equal([null, "open", null, "resolve"], lifecycle.Changes(AlertKind.CertificateExpiring));
    }

    [Fact]
    public void Password_OpensBeforeTheDateTheAdminEntered_AndResolvesWhenRedated()
    {
        var lifecycle = new Lifecycle(this);
        var expires = DateOnly.FromDateTime(Now.AddDays(10));

        lifecycle.Step(Facts() with { PasswordExpiresOn = expires });
        lifecycle.Step(Facts() with { PasswordExpiresOn = expires });
        lifecycle.Step(Facts() with { PasswordExpiresOn = expires.AddDays(90) });

        Assert.Equal(["open", null, "resolve"], lifecycle.Changes(AlertKind.PasswordExpiring));
    }

    [Fact]
    public void ConnectionFailing_NoCheckSinceTheCredentialsChanged_LeavesTheAlertAsItIs()
    {
        var lifecycle = new Lifecycle(this);

        lifecycle.Step(Facts() with { LastCheckSucceeded = false, LastCheckSummary = "Failed: Sign-in." });
        lifecycle.Step(Facts() with { LastCheckSucceeded = null });
        lifecycle.Step(Facts() with { LastCheckSucceeded = true });

        Assert.Equal(["open", null, "resolve"], lifecycle.Changes(AlertKind.ConnectionFailing));
        Assert.Contains("Failed: Sign-in.", lifecycle.OpenDetail(AlertKind.ConnectionFailing), StringComparison.Ordinal);
    }

    [Fact]
    public void OpenAlertOfAConnectionNoLongerWatched_Resolves()
    {
        var evaluation = AlertEvaluator.Evaluate([], [new OpenAlert(7, 1, AlertKind.DeadLetters)], Thresholds, Now);

        Assert.Equal(7, Assert.Single(evaluation.Resolve).AlertId);
    }

    private static AlertFacts Facts() => new(1, null, true, "Passed.", null, 0, null, null, null, null);

    /// <summary>Applies each evaluation to a set of open alerts, as the monitor stores them, and records what each step changed per kind.</summary>
    private sealed class Lifecycle(AlertEvaluatorTests test)
    {
        private readonly List<OpenAlert> _open = [];
        private readonly List<AlertEvaluation> _steps = [];
        private long _nextId = 1;

        public void Step(AlertFacts facts)
        {
            var evaluation = AlertEvaluator.Evaluate([facts], _open, Thresholds, test.Now);
            _open.RemoveAll(a => evaluation.Resolve.Any(r => r.AlertId == a.Id));
            _open.AddRange(evaluation.Open.Select(o => new OpenAlert(_nextId++, o.ConnectionId, o.Kind)));
            _steps.Add(evaluation);
        }

        public IReadOnlyList<string?> Changes(AlertKind kind)
        {
            var ids = new Dictionary<long, AlertKind>();
            var changes = new List<string?>();
            var id = 1L;
            foreach (var step in _steps)
            {
                string? change = null;
                if (step.Resolve.Any(r => ids.TryGetValue(r.AlertId, out var k) && k == kind))
                {
                    change = "resolve";
                }

                foreach (var opening in step.Open)
                {
                    ids[id++] = opening.Kind;
                    if (opening.Kind == kind)
                    {
                        change = "open";
                    }
                }

                changes.Add(change);
            }

            Assert.All(_steps, s => Assert.DoesNotContain(s.Open, o => o.Kind != kind));
            return changes;
        }

        public string OpenDetail(AlertKind kind) => _steps.SelectMany(s => s.Open).Single(o => o.Kind == kind).Detail;
    }
}
