using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SnConnectPortal.Sandbox.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Sandbox.Tests.Control;

public sealed class ControlEndpointTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private SandboxProcess Sandbox => fixture.Sandbox;

    [Fact]
    public async Task Config_ReturnsDefaults_AndRejectsUnknownNames()
    {
        await Sandbox.ResetAsync();

        var defaults = await Sandbox.Control.GetFromJsonAsync<JsonElement>("sandbox/config");
        using var unknown = await Sandbox.Control.PostAsJsonAsync("sandbox/config", new { noSuchSetting = 1 });

        Assert.Equal(1799, defaults.GetProperty("accessTokenLifetimeSeconds").GetInt32());
        Assert.Equal(8640000, defaults.GetProperty("refreshTokenLifetimeSeconds").GetInt32());
        Assert.False(defaults.GetProperty("clientCredentialsGrantEnabled").GetBoolean());
        Assert.False(defaults.GetProperty("passwordGrantDisabled").GetBoolean());
        Assert.Equal(0, defaults.GetProperty("clockSkewSeconds").GetInt32());
        Assert.Equal(10485760, defaults.GetProperty("maxRequestBodyBytes").GetInt64());
        Assert.Equal(0, defaults.GetProperty("aclHideEveryNthUser").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("noSuchSetting", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_RestoresSeed_AndClearsOverridesAndLogs()
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox);
        await ServiceNowCalls.CreateAsync(client, "incident", """{"short_description":"to be reset"}""");
        await Sandbox.ConfigureAsync(new { clockSkewSeconds = 3600 });

        await Sandbox.ResetAsync();

        var config = await Sandbox.Control.GetFromJsonAsync<JsonElement>("sandbox/config");
        var requests = await Sandbox.GetRequestsAsync();
        using var incidents = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));
        Assert.Equal(0, config.GetProperty("clockSkewSeconds").GetInt32());
        Assert.Equal(0, requests.GetArrayLength());
        Assert.Equal("0", incidents.Header("X-Total-Count"));
    }

    [Fact]
    public async Task Seed_ReplacesExtraRecords_KeepsFixedUsers()
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox);

        await Sandbox.SeedAsync(users: 100, groups: 3, incidents: 7);
        await Sandbox.SeedAsync(users: 50, groups: 2, incidents: 4);

        using var users = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user?sysparm_limit=1"));
        using var groups = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user_group?sysparm_limit=1"));
        using var incidents = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident?sysparm_limit=1"));
        using var admin = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user?user_name=admin"));
        Assert.Equal("54", users.Header("X-Total-Count"));
        Assert.Equal("4", groups.Header("X-Total-Count"));
        Assert.Equal("4", incidents.Header("X-Total-Count"));
        Assert.Equal(ServiceNowCalls.AdminSysId, (await admin.ReadJsonAsync()).GetProperty("result")[0].GetProperty("sys_id").GetString());
    }

    [Fact]
    public async Task Seed_OneHundredThousandUsers_AreAllServed()
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox);

        await Sandbox.SeedAsync(users: 100_000);

        using var page = await client.GetAsync(ServiceNowCalls.Relative(
            "api/now/table/sys_user?sysparm_limit=1000&sysparm_offset=99000&sysparm_fields=sys_id"));
        Assert.Equal("100004", page.Header("X-Total-Count"));
        Assert.Equal(1000, (await page.ReadJsonAsync()).GetProperty("result").GetArrayLength());
        await Sandbox.ResetAsync();
    }

    [Fact]
    public async Task Users_CreatesAUserThatCanSignIn_WithRoles()
    {
        await Sandbox.ResetAsync();
        using var created = await Sandbox.Control.PostAsJsonAsync("sandbox/users",
            new { userName = "x.user", password = "x-pw", roles = new[] { "itil" } });
        var sysId = (await created.ReadJsonAsync()).GetProperty("sysId").GetString();
        using var client = ServiceNowCalls.Client(Sandbox, "x.user", "x-pw");

        using var incidents = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));
        using var self = await client.GetAsync(ServiceNowCalls.Relative($"api/now/table/sys_user/{sysId}"));

        Assert.Equal(HttpStatusCode.OK, incidents.StatusCode);
        Assert.Equal("x.user", (await self.ReadJsonAsync()).GetProperty("result").GetProperty("user_name").GetString());
    }

    [Fact]
    public async Task RequestLogAndCounters_RecordServiceNowCalls_NotControlCalls()
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox);
        using var bad = ServiceNowCalls.Client(Sandbox, "admin", "wrong");

        using (await client.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user?sysparm_limit=1"))) { }
        using (await bad.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user"))) { }

        var requests = await Sandbox.GetRequestsAsync();
        var counters = await Sandbox.Control.GetFromJsonAsync<JsonElement>("sandbox/counters");
        Assert.Equal(2, requests.GetArrayLength());
        var first = requests[0];
        Assert.Equal("GET", first.GetProperty("method").GetString());
        Assert.Equal("/api/now/table/sys_user", first.GetProperty("path").GetString());
        Assert.Equal("?sysparm_limit=1", first.GetProperty("query").GetString());
        Assert.Equal(200, first.GetProperty("status").GetInt32());
        Assert.Equal("admin", first.GetProperty("user").GetString());
        Assert.True(first.TryGetProperty("at", out _));
        Assert.Equal(401, requests[1].GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, requests[1].GetProperty("user").ValueKind);
        Assert.Equal(2, counters.GetProperty("requests").GetInt32());
        Assert.Equal(1, counters.GetProperty("byStatus").GetProperty("200").GetInt32());
        Assert.Equal(1, counters.GetProperty("byStatus").GetProperty("401").GetInt32());
    }
}
