using System.Diagnostics;
using System.Net;
using System.Text.Json;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.Web.Features.SystemsCheck;

namespace SnConnectPortal.Web.Tests.SystemsCheck;

/// <summary>
/// The Systems Check against the sandbox, each failure produced for real by configuring the sandbox. Each test names
/// the step that must fail and checks that its remedy names the fix, in ServiceNow's words.
/// </summary>
public sealed class SystemsCheckRunnerTests(SystemsCheckFixture fixture) : IClassFixture<SystemsCheckFixture>
{
    private static readonly string[] Writes = ["POST", "PUT", "PATCH", "DELETE"];

    [Fact]
    public async Task HealthyInstance_EveryStepPassesOrDoesNotApply_AndNothingIsWritten()
    {
        await fixture.Sandbox.ResetAsync();

        var steps = await fixture.RunAsync(new SystemsCheckRequest { Settings = fixture.Basic(), Tables = ["incident", "problem"], TimeZone = "Europe/Amsterdam" });

        Assert.All(steps, s => Assert.True(s.Outcome is CheckOutcome.Pass or CheckOutcome.Skipped, $"{s.Key}: {s.Outcome} {s.Seen} {s.Remedy}"));
        Assert.Equal(
            ["address", "tls", "servicenow", "auth", "user", "read:incident", "read:problem", "read:sys_user", "read:sys_user_group",
                "read:sys_attachment", "field-lengths", "clock", "rate-limits", "directory", "test-incident"],
            steps.Select(s => s.Key));
        Assert.Equal(CheckOutcome.Skipped, Step(steps, "tls").Outcome); // plain http to the sandbox: nothing to handshake
        Assert.Contains("roles: import_transformer, itil", Step(steps, "user").Seen, StringComparison.Ordinal);
        Assert.Contains("Not requested", Step(steps, "test-incident").Seen, StringComparison.Ordinal);
        var requests = await fixture.Sandbox.GetRequestsAsync();
        Assert.DoesNotContain(requests.EnumerateArray(), r => Writes.Contains(r.GetProperty("method").GetString()) && r.GetProperty("path").GetString()!.StartsWith("/api", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongPassword_FailsSignIn_NamesTheUserFormFlags_AndSkipsWhatNeedsIt()
    {
        await fixture.Sandbox.ResetAsync();

        var steps = await fixture.RunAsync(new SystemsCheckRequest { Settings = fixture.Basic(password: "not-the-password") });

        var auth = Step(steps, "auth");
        Assert.Equal(CheckOutcome.Fail, auth.Outcome);
        Assert.Contains("HTTP 401", auth.Seen, StringComparison.Ordinal);
        Assert.Contains("User Administration > Users", auth.Remedy, StringComparison.Ordinal);
        Assert.Contains("Set Password > Generate", auth.Remedy, StringComparison.Ordinal);
        var user = Step(steps, "user");
        Assert.Equal(CheckOutcome.Skipped, user.Outcome);
        Assert.Contains("\"Sign-in\"", user.Seen, StringComparison.Ordinal);
        Assert.DoesNotContain(steps, s => s.Seen.Contains("not-the-password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LockedOutUser_FailsSignIn_AndTheRemedyNamesLockedOut()
    {
        await fixture.Sandbox.ResetAsync();

        var steps = await fixture.RunAsync(new SystemsCheckRequest { Settings = fixture.Basic("snc.locked", "snc-locked-pw") });

        var auth = Step(steps, "auth");
        Assert.Equal(CheckOutcome.Fail, auth.Outcome);
        Assert.Contains("Locked out", auth.Remedy, StringComparison.Ordinal);
        Assert.Contains("Password needs reset", auth.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserWithoutRoles_ReadsAreAclFiltered_TheWriteIsDenied_AndRemediesNameItil()
    {
        await fixture.Sandbox.ResetAsync();
        await fixture.AdminAsync(HttpMethod.Post, "api/now/table/incident", new { short_description = "exists, hidden from snc.readonly" });

        var steps = await fixture.RunAsync(new SystemsCheckRequest
        {
            Settings = fixture.Basic("snc.readonly", "snc-readonly-pw"),
            CreateTestIncident = true,
        });

        var read = Step(steps, "read:incident");
        Assert.Equal(CheckOutcome.Fail, read.Outcome);
        Assert.Contains("ACL-filtered: X-Total-Count says", read.Seen, StringComparison.Ordinal);
        Assert.Contains("itil", read.Remedy, StringComparison.Ordinal);
        Assert.Contains("Access Control (ACL)", read.Remedy, StringComparison.Ordinal);
        var user = Step(steps, "user");
        Assert.Equal(CheckOutcome.Fail, user.Outcome);
        Assert.Contains("it has no roles", user.Seen, StringComparison.Ordinal);
        Assert.Contains("add itil", user.Remedy, StringComparison.Ordinal);
        var write = Step(steps, "test-incident");
        Assert.Equal(CheckOutcome.Fail, write.Outcome);
        Assert.Contains("HTTP 403", write.Seen, StringComparison.Ordinal);
        Assert.Contains("add itil", write.Remedy, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Pass, Step(steps, "read:sys_user").Outcome);
    }

    [Fact]
    public async Task ReadRefusedWith403_IsToldApartFromAnAclFilteredPage()
    {
        await fixture.Sandbox.ResetAsync();
        await fixture.Sandbox.AddFaultAsync(new { pathPrefix = "/api/now/table/sys_attachment", status = 403 });

        var steps = await fixture.RunAsync(new SystemsCheckRequest { Settings = fixture.Basic() });

        var read = Step(steps, "read:sys_attachment");
        Assert.Equal(CheckOutcome.Fail, read.Outcome);
        Assert.Contains("HTTP 403", read.Seen, StringComparison.Ordinal);
        Assert.Contains("outright", read.Seen, StringComparison.Ordinal);
        Assert.DoesNotContain("ACL-filtered", read.Seen, StringComparison.Ordinal);
        Assert.Contains("read Access Control (ACL) on sys_attachment", read.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingOAuthClient_FailsSignIn_ProvesTheUserIsFine_AndPointsToTheApplicationRegistry()
    {
        await fixture.Sandbox.ResetAsync();
        var settings = fixture.Basic() with { AuthMode = ServiceNowAuthMode.OAuthPassword, ClientId = "no-such-client", ClientSecret = "whatever-secret" };

        var steps = await fixture.RunAsync(new SystemsCheckRequest { Settings = settings });

        var auth = Step(steps, "auth");
        Assert.Equal(CheckOutcome.Fail, auth.Outcome);
        Assert.Contains("accepted with Basic authentication, so the OAuth client is the problem", auth.Seen, StringComparison.Ordinal);
        Assert.Contains("System OAuth > Application Registry", auth.Remedy, StringComparison.Ordinal);
        Assert.Contains("'no-such-client'", auth.Remedy, StringComparison.Ordinal);
        Assert.Contains("Create an OAuth API endpoint for external clients", auth.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OAuthPasswordGrant_GetsATokenAndRefreshesIt()
    {
        await fixture.Sandbox.ResetAsync();
        var settings = fixture.Basic() with { AuthMode = ServiceNowAuthMode.OAuthPassword, ClientId = SystemsCheckFixture.ClientId, ClientSecret = SystemsCheckFixture.ClientSecret };

        var steps = await fixture.RunAsync(new SystemsCheckRequest { Settings = settings });

        var auth = Step(steps, "auth");
        Assert.Equal(CheckOutcome.Pass, auth.Outcome);
        Assert.Contains("Refreshing it with the returned refresh token works", auth.Seen, StringComparison.Ordinal);
        Assert.DoesNotContain(steps, s => s.Outcome == CheckOutcome.Fail);
    }

    [Fact]
    public async Task ExpiredRefreshToken_FailsSignIn_AndTheRemedySaysHowToGetANewOne()
    {
        await fixture.Sandbox.ResetAsync();
        await fixture.Sandbox.ConfigureAsync(new { refreshTokenLifetimeSeconds = 1 });
        var (_, granted) = await fixture.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = SystemsCheckFixture.ClientId,
            ["client_secret"] = SystemsCheckFixture.ClientSecret,
            ["username"] = SystemsCheckFixture.IntegrationUser,
            ["password"] = SystemsCheckFixture.IntegrationPassword,
        });
        var refreshToken = granted.GetProperty("refresh_token").GetString()!;
        await Poll.UntilAsync(async () => (await fixture.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = SystemsCheckFixture.ClientId,
            ["client_secret"] = SystemsCheckFixture.ClientSecret,
            ["refresh_token"] = refreshToken,
        })).Status == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(20), "the refresh token to expire");
        var settings = new ServiceNowConnectionSettings
        {
            InstanceUrl = fixture.Sandbox.BaseUrl,
            AuthMode = ServiceNowAuthMode.OAuthRefreshToken,
            ClientId = SystemsCheckFixture.ClientId,
            ClientSecret = SystemsCheckFixture.ClientSecret,
            RefreshToken = refreshToken,
        };

        var steps = await fixture.RunAsync(new SystemsCheckRequest { Settings = settings });

        var auth = Step(steps, "auth");
        Assert.Equal(CheckOutcome.Fail, auth.Outcome);
        Assert.Contains("refresh grant with the configured refresh token was refused", auth.Seen, StringComparison.Ordinal);
        Assert.Contains("Refresh Token Lifespan", auth.Remedy, StringComparison.Ordinal);
        Assert.Contains("grant_type=password", auth.Remedy, StringComparison.Ordinal);
        Assert.DoesNotContain(steps, s => s.Seen.Contains(refreshToken, StringComparison.Ordinal) || (s.Remedy?.Contains(refreshToken, StringComparison.Ordinal) ?? false));
    }

    [Fact]
    public async Task UnknownHost_FailsTheAddressStep_AndEveryLaterStepIsSkippedWithTheReason()
    {
        var settings = fixture.Basic() with { InstanceUrl = new Uri("https://no-such-instance.invalid/") };

        var steps = await fixture.RunAsync(new SystemsCheckRequest { Settings = settings });

        var address = Step(steps, "address");
        Assert.Equal(CheckOutcome.Fail, address.Outcome);
        Assert.Contains("does not resolve", address.Seen, StringComparison.Ordinal);
        Assert.Contains("Check the spelling of the instance address", address.Remedy, StringComparison.Ordinal);
        Assert.All(steps.Skip(1), s =>
        {
            Assert.Equal(CheckOutcome.Skipped, s.Outcome);
            Assert.Contains("\"Instance address and DNS\", which failed", s.Seen, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task SelfSignedCertificate_FailsTheTlsStep_AndTheRemedyNamesTheCertificate()
    {
        await fixture.Sandbox.ResetAsync();
        var settings = fixture.Basic() with { InstanceUrl = fixture.SelfSignedUrl };

        var steps = await fixture.RunAsync(new SystemsCheckRequest { Settings = settings });

        Assert.Equal(CheckOutcome.Pass, Step(steps, "address").Outcome);
        var tls = Step(steps, "tls");
        Assert.Equal(CheckOutcome.Fail, tls.Outcome);
        Assert.Contains("not trusted (it is self-signed", tls.Seen, StringComparison.Ordinal);
        Assert.Contains("SnConnectPortal Sandbox (self-signed)", tls.Seen, StringComparison.Ordinal);
        Assert.Contains("trust store", tls.Remedy, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Skipped, Step(steps, "auth").Outcome);
    }

    [Fact]
    public async Task HangingInstance_FailsWithinTheStepBound_AndTheRunEnds()
    {
        await fixture.Sandbox.ResetAsync();
        await fixture.Sandbox.AddFaultAsync(new { pathPrefix = "/api", hang = true });
        var started = Stopwatch.GetTimestamp();

        var steps = await fixture.RunAsync(new SystemsCheckRequest { Settings = fixture.Basic() }, stepTimeoutSeconds: 2);

        var elapsed = Stopwatch.GetElapsedTime(started);
        var probe = Step(steps, "servicenow");
        Assert.Equal(CheckOutcome.Fail, probe.Outcome);
        Assert.Contains("No answer within", probe.Seen, StringComparison.Ordinal);
        Assert.Contains("hibernates", probe.Remedy, StringComparison.Ordinal);
        Assert.InRange(probe.Duration, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(4));
        Assert.True(elapsed < TimeSpan.FromSeconds(15), $"the whole run took {elapsed}");
        Assert.Equal(CheckOutcome.Skipped, Step(steps, "auth").Outcome);
    }

    [Fact]
    public async Task HangingTable_FailsOnlyThatRead_WithinTheBound_AndTheOtherStepsRun()
    {
        await fixture.Sandbox.ResetAsync();
        await fixture.Sandbox.AddFaultAsync(new { pathPrefix = "/api/now/table/incident", hang = true });

        var steps = await fixture.RunAsync(new SystemsCheckRequest { Settings = fixture.Basic() }, stepTimeoutSeconds: 2);

        var read = Step(steps, "read:incident");
        Assert.Equal(CheckOutcome.Fail, read.Outcome);
        Assert.Contains("No answer within", read.Seen, StringComparison.Ordinal);
        Assert.Contains("2 s", read.Seen, StringComparison.Ordinal);
        Assert.True(read.Duration < TimeSpan.FromSeconds(4), $"took {read.Duration}");
        Assert.Equal(CheckOutcome.Pass, Step(steps, "read:sys_user").Outcome);
        Assert.Equal(CheckOutcome.Pass, Step(steps, "directory").Outcome);
    }

    [Fact]
    public async Task RateLimitRuleExhausted_FailsTheRateLimitStep_WithTheRuleToRaise()
    {
        await fixture.Sandbox.ResetAsync();
        await fixture.Sandbox.SetRateLimitAsync(new { user = SystemsCheckFixture.IntegrationUser, perHour = 2 });

        var steps = await fixture.RunAsync(new SystemsCheckRequest { Settings = fixture.Basic() });

        var rate = Step(steps, "rate-limits");
        Assert.Equal(CheckOutcome.Fail, rate.Outcome);
        Assert.Contains("refused with 429", rate.Seen, StringComparison.Ordinal);
        Assert.Contains("Rate limit exceeded", rate.Seen, StringComparison.Ordinal);
        Assert.Contains("2 requests per hour", rate.Seen, StringComparison.Ordinal);
        Assert.Contains("System Web Services > REST API Rate Limits", rate.Remedy, StringComparison.Ordinal);
        Assert.Contains("sys_rate_limit_rules", rate.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitBelowTheConnectionsOutboundRate_Warns()
    {
        await fixture.Sandbox.ResetAsync();
        await fixture.Sandbox.SetRateLimitAsync(new { user = SystemsCheckFixture.IntegrationUser, perHour = 1000 });

        var steps = await fixture.RunAsync(new SystemsCheckRequest { Settings = fixture.Basic(), OutboundRateLimit = new(60, RateLimitPeriod.Minute) });

        var rate = Step(steps, "rate-limits");
        Assert.Equal(CheckOutcome.Warn, rate.Outcome);
        Assert.Contains("X-RateLimit-Limit 1000 requests per hour", rate.Seen, StringComparison.Ordinal);
        Assert.Contains("3600 per hour", rate.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitRule_OnAConnectionWithoutAnOutboundLimit_Warns_AndPassesOnceTheLimitFitsTheRule()
    {
        await fixture.Sandbox.ResetAsync();
        await fixture.Sandbox.SetRateLimitAsync(new { user = SystemsCheckFixture.IntegrationUser, perHour = 1000 });

        var unlimited = Step(await fixture.RunAsync(new SystemsCheckRequest { Settings = fixture.Basic() }), "rate-limits");
        var fitting = Step(await fixture.RunAsync(new SystemsCheckRequest { Settings = fixture.Basic(), OutboundRateLimit = new(900, RateLimitPeriod.Hour) }), "rate-limits");

        Assert.Equal(CheckOutcome.Warn, unlimited.Outcome);
        Assert.Contains("no outbound rate limit", unlimited.Seen, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Pass, fitting.Outcome);
        Assert.Contains("outbound limit of 900 deliveries an hour", fitting.Seen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClockSkew_FailsTheClockStep_AndPointsToTimeSynchronization()
    {
        await fixture.Sandbox.ResetAsync();
        await fixture.Sandbox.ConfigureAsync(new { clockSkewSeconds = 600 });

        var steps = await fixture.RunAsync(new SystemsCheckRequest { Settings = fixture.Basic(), TimeZone = "America/New_York" });

        var clock = Step(steps, "clock");
        Assert.Equal(CheckOutcome.Fail, clock.Outcome);
        Assert.Contains("ahead of this server's", clock.Seen, StringComparison.Ordinal);
        Assert.Contains("min", clock.Seen, StringComparison.Ordinal);
        Assert.Contains("America/New_York", clock.Seen, StringComparison.Ordinal);
        Assert.Contains("NTP", clock.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShortTargetField_WarnsWithTheDictionaryEntryToChange()
    {
        await fixture.Sandbox.ResetAsync();
        var entry = await fixture.AdminAsync(HttpMethod.Get, "api/now/table/sys_dictionary?sysparm_query=name=incident^element=short_description&sysparm_fields=sys_id");
        var sysId = entry.GetProperty("result")[0].GetProperty("sys_id").GetString();
        await fixture.AdminAsync(HttpMethod.Patch, $"api/now/table/sys_dictionary/{sysId}", new { max_length = "80" });

        var steps = await fixture.RunAsync(new SystemsCheckRequest { Settings = fixture.Basic() });

        var lengths = Step(steps, "field-lengths");
        Assert.Equal(CheckOutcome.Warn, lengths.Outcome);
        Assert.Contains("incident.short_description holds 80 characters", lengths.Seen, StringComparison.Ordinal);
        Assert.Contains("up to 160", lengths.Seen, StringComparison.Ordinal);
        Assert.Contains("System Definition > Dictionary", lengths.Remedy, StringComparison.Ordinal);
        Assert.Contains("Max length to at least 160", lengths.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestIncident_WhenAsked_CreatesExactlyOneIncident_AndLinksItsNumber()
    {
        await fixture.Sandbox.ResetAsync();

        var steps = await fixture.RunAsync(new SystemsCheckRequest { Settings = fixture.Basic(), CreateTestIncident = true });

        var incident = Step(steps, "test-incident");
        Assert.Equal(CheckOutcome.Pass, incident.Outcome);
        Assert.StartsWith("INC", incident.LinkText, StringComparison.Ordinal);
        Assert.StartsWith(fixture.Sandbox.BaseUrl.AbsoluteUri + "nav_to.do?uri=incident.do", incident.LinkUrl!.AbsoluteUri, StringComparison.Ordinal);
        var requests = await fixture.Sandbox.GetRequestsAsync();
        var writes = requests.EnumerateArray().Where(r => Writes.Contains(r.GetProperty("method").GetString()) && r.GetProperty("path").GetString()!.StartsWith("/api", StringComparison.Ordinal)).ToList();
        Assert.Single(writes);
        Assert.Equal("/api/now/table/incident", writes[0].GetProperty("path").GetString());
    }

    private static CheckStepResult Step(IReadOnlyList<CheckStepResult> steps, string key) =>
        steps.SingleOrDefault(s => s.Key == key) ?? throw new Xunit.Sdk.XunitException($"No step {key} in {string.Join(", ", steps.Select(s => s.Key))}");
}
