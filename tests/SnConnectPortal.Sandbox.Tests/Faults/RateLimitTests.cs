using System.Net;
using System.Net.Http.Json;
using SnConnectPortal.Sandbox.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Sandbox.Tests.Faults;

public sealed class RateLimitTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private SandboxProcess Sandbox => fixture.Sandbox;

    [Fact]
    public async Task HourlyRule_AddsHeaders_ThenAnswers429WithRetryAfter()
    {
        await Sandbox.ResetAsync();
        using var rule = await Sandbox.Control.PostAsJsonAsync("sandbox/rate-limits", new { user = "snc.integration", perHour = 3 });
        var ruleId = (await rule.ReadJsonAsync()).GetProperty("sysId").GetString();
        using var client = ServiceNowCalls.Client(Sandbox, ServiceNowCalls.IntegrationUser, ServiceNowCalls.IntegrationPassword);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));
            statuses.Add(last.StatusCode);
        }

        using var limited = last!;
        var reset = long.Parse(limited.Header("X-RateLimit-Reset"), System.Globalization.CultureInfo.InvariantCulture);
        var nextHour = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 3600 * 3600 + 3600;
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(
            """{"error":{"message":"Rate limit exceeded","detail":"Rate limit of 3 requests per hour for Table API exceeded"},"status":"failure"}""",
            await limited.Content.ReadAsStringAsync());
        Assert.Equal("3", limited.Header("X-RateLimit-Limit"));
        Assert.Equal(ruleId, limited.Header("X-RateLimit-Rule"));
        Assert.InRange(reset, nextHour - 1, nextHour + 1);
        Assert.InRange(int.Parse(limited.Header("Retry-After"), System.Globalization.CultureInfo.InvariantCulture), 1, 3600);
    }

    [Fact]
    public async Task SingleUserRule_DoesNotLimitOtherUsers()
    {
        await Sandbox.ResetAsync();
        await Sandbox.SetRateLimitAsync(new { user = "snc.integration", perHour = 1 });
        using var admin = ServiceNowCalls.Client(Sandbox);

        using var first = await admin.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));
        using var second = await admin.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("", second.Header("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task PerSecondKnob_Limits_AndClearingRemovesIt()
    {
        await Sandbox.ResetAsync();
        await Sandbox.SetRateLimitAsync(new { user = (string?)null, perHour = 1000, perSecond = 1 });
        using var client = ServiceNowCalls.Client(Sandbox);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));
            statuses.Add(response.StatusCode);
        }

        using (await Sandbox.Control.DeleteAsync(ServiceNowCalls.Relative("sandbox/rate-limits"))) { }
        using var afterClear = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, afterClear.StatusCode);
    }
}
