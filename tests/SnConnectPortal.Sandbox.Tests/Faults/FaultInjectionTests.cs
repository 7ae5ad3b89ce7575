using System.Diagnostics;
using System.Net;
using SnConnectPortal.Sandbox.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Sandbox.Tests.Faults;

public sealed class FaultInjectionTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private SandboxProcess Sandbox => fixture.Sandbox;

    [Fact]
    public async Task StatusFault_AnswersTheNextCountRequests_WithTheEnvelope()
    {
        await Sandbox.ResetAsync();
        await Sandbox.AddFaultAsync(new { pathPrefix = "/api/now/table/sys_user", method = "GET", status = 503, count = 2 });
        using var client = ServiceNowCalls.Client(Sandbox);

        using var first = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user"));
        using var second = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user"));
        using var otherPath = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));
        using var third = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal("""{"error":{"message":"Service Unavailable","detail":null},"status":"failure"}""",
            await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherPath.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task TooManyRequestsFault_AddsRetryAfter()
    {
        await Sandbox.ResetAsync();
        await Sandbox.AddFaultAsync(new { pathPrefix = "/api/", status = 429, retryAfterSeconds = 7, count = 1 });
        using var client = ServiceNowCalls.Client(Sandbox);

        using var response = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("7", response.Header("Retry-After"));
    }

    [Fact]
    public async Task LatencyFault_DelaysThenServes()
    {
        await Sandbox.ResetAsync();
        await Sandbox.AddFaultAsync(new { pathPrefix = "/api/now/table/incident", latencyMs = 500, count = 1 });
        using var client = ServiceNowCalls.Client(Sandbox);
        var stopwatch = Stopwatch.StartNew();

        using var response = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Timers may fire a few milliseconds early; the point is that the answer waited about the latency.
        Assert.True(stopwatch.ElapsedMilliseconds >= 450, $"answered after {stopwatch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task HangFault_NeverAnswers_UntilTheClientGivesUp()
    {
        await Sandbox.ResetAsync();
        await Sandbox.AddFaultAsync(new { pathPrefix = "/api/now/table/incident", hang = true, count = 1 });
        using var client = ServiceNowCalls.Client(Sandbox);
        client.Timeout = TimeSpan.FromMilliseconds(500);

        await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident")));

        var requests = await Poll.UntilAsync(() => Sandbox.GetRequestsAsync(), r => r.GetArrayLength() == 1, TimeSpan.FromSeconds(5),
            "the hung request to be logged");
        Assert.Equal(0, requests[0].GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task DropFault_AbortsTheConnection()
    {
        await Sandbox.ResetAsync();
        await Sandbox.AddFaultAsync(new { pathPrefix = "/api/now/table/incident", drop = true, count = 1 });
        using var client = ServiceNowCalls.Client(Sandbox);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident")));
        using var next = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task AfterProcessing_CreatesTheRecord_ThenLosesOrReplacesItsAnswer()
    {
        await Sandbox.ResetAsync();
        await Sandbox.AddFaultAsync(new { pathPrefix = "/api/now/table/incident", method = "POST", drop = true, afterProcessing = true, count = 1 });
        await Sandbox.AddFaultAsync(new { pathPrefix = "/api/now/table/incident", method = "POST", status = 503, afterProcessing = true, count = 1 });
        using var client = ServiceNowCalls.Client(Sandbox);

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.PostAsync(ServiceNowCalls.Relative("api/now/table/incident"), ServiceNowCalls.Json("""{"correlation_id":"lost-1"}""")));
        using var replaced = await client.PostAsync(ServiceNowCalls.Relative("api/now/table/incident"), ServiceNowCalls.Json("""{"correlation_id":"lost-2"}"""));
        using var stored = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident?sysparm_query=correlation_idSTARTSWITHlost-"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, replaced.StatusCode);
        Assert.Equal("""{"error":{"message":"Service Unavailable","detail":null},"status":"failure"}""", await replaced.Content.ReadAsStringAsync());
        Assert.Equal(2, (await stored.ReadJsonAsync()).GetProperty("result").GetArrayLength());
    }

    [Fact]
    public async Task ZeroProbability_NeverFires_AndClearRemovesFaults()
    {
        await Sandbox.ResetAsync();
        await Sandbox.AddFaultAsync(new { pathPrefix = "/api/", status = 500, probability = 0.0 });
        await Sandbox.AddFaultAsync(new { pathPrefix = "/oauth_token.do", status = 500 });
        using var client = ServiceNowCalls.Client(Sandbox);

        using var notFired = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));
        await Sandbox.ClearFaultsAsync();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password" });
        using var token = await client.PostAsync(ServiceNowCalls.Relative("oauth_token.do"), form);

        Assert.Equal(HttpStatusCode.OK, notFired.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
    }
}
