using System.Net;
using SnConnectPortal.Sandbox.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Sandbox.Tests.Tables;

public sealed class AclTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private SandboxProcess Sandbox => fixture.Sandbox;

    [Fact]
    public async Task RoleLessUser_ReadsIncidentsAsAnEmptyPage_WithTheRealTotal()
    {
        await Sandbox.ResetAsync();
        await Sandbox.SeedAsync(users: 10, incidents: 12);
        using var readonlyClient = ServiceNowCalls.Client(Sandbox, ServiceNowCalls.ReadonlyUser, ServiceNowCalls.ReadonlyPassword);

        using var response = await readonlyClient.GetAsync(ServiceNowCalls.Relative("api/now/table/incident?sysparm_limit=5"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("12", response.Header("X-Total-Count"));
        Assert.Equal("""{"result":[]}""", await response.Content.ReadAsStringAsync());
        Assert.Contains("rel=\"next\"", response.Header("Link"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleLessUser_InsertIs403OperationFailed_AndHiddenRecordIs404()
    {
        await Sandbox.ResetAsync();
        using var admin = ServiceNowCalls.Client(Sandbox);
        var incident = await ServiceNowCalls.CreateAsync(admin, "incident", """{"short_description":"secret"}""");
        var id = incident.GetProperty("sys_id").GetString();
        using var readonlyClient = ServiceNowCalls.Client(Sandbox, ServiceNowCalls.ReadonlyUser, ServiceNowCalls.ReadonlyPassword);

        using var insert = await readonlyClient.PostAsync(ServiceNowCalls.Relative("api/now/table/incident"),
            ServiceNowCalls.Json("""{"short_description":"nope"}"""));
        using var read = await readonlyClient.GetAsync(ServiceNowCalls.Relative($"api/now/table/incident/{id}"));
        using var update = await readonlyClient.PatchAsync(ServiceNowCalls.Relative($"api/now/table/incident/{id}"),
            ServiceNowCalls.Json("""{"short_description":"nope"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, insert.StatusCode);
        Assert.Equal(
            """{"error":{"message":"Operation Failed","detail":"ACL Exception Insert Failed due to security constraints"},"status":"failure"}""",
            await insert.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
    }

    [Fact]
    public async Task ItilUser_WritesIncidents_ButNotUsers()
    {
        await Sandbox.ResetAsync();
        using var integration = ServiceNowCalls.Client(Sandbox, ServiceNowCalls.IntegrationUser, ServiceNowCalls.IntegrationPassword);

        using var incident = await integration.PostAsync(ServiceNowCalls.Relative("api/now/table/incident"),
            ServiceNowCalls.Json("""{"short_description":"from integration"}"""));
        using var user = await integration.PatchAsync(ServiceNowCalls.Relative($"api/now/table/sys_user/{ServiceNowCalls.AdminSysId}"),
            ServiceNowCalls.Json("""{"title":"hacked"}"""));
        using var properties = await integration.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_properties"));

        Assert.Equal(HttpStatusCode.Created, incident.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
        Assert.Equal("ACL Exception Update Failed due to security constraints",
            (await user.ReadJsonAsync()).GetProperty("error").GetProperty("detail").GetString());
        Assert.Equal("""{"result":[]}""", await properties.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HideEveryNthUser_ShortensPagesForNonAdmins_KeepsTotal()
    {
        await Sandbox.ResetAsync();
        await Sandbox.SeedAsync(users: 96);
        await Sandbox.ConfigureAsync(new { aclHideEveryNthUser = 4 });
        using var integration = ServiceNowCalls.Client(Sandbox, ServiceNowCalls.IntegrationUser, ServiceNowCalls.IntegrationPassword);
        using var admin = ServiceNowCalls.Client(Sandbox);

        var seen = 0;
        for (var offset = 0; offset < 100; offset += 20)
        {
            using var page = await integration.GetAsync(ServiceNowCalls.Relative($"api/now/table/sys_user?sysparm_query=ORDERBYsys_id&sysparm_limit=20&sysparm_offset={offset}"));
            Assert.Equal("100", page.Header("X-Total-Count"));
            var count = (await page.ReadJsonAsync()).GetProperty("result").GetArrayLength();
            Assert.Equal(15, count);
            seen += count;
        }

        using var adminPage = await admin.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user?sysparm_limit=20"));
        Assert.Equal(75, seen);
        Assert.Equal(20, (await adminPage.ReadJsonAsync()).GetProperty("result").GetArrayLength());
        await Sandbox.ResetAsync();
    }
}
