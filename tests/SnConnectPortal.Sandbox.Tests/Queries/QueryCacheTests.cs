using SnConnectPortal.Sandbox.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Sandbox.Tests.Queries;

public sealed class QueryCacheTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private SandboxProcess Sandbox => fixture.Sandbox;

    [Fact]
    public async Task RepeatedQuery_SeesChanges_IncludingDotWalkedTables()
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox);
        await ServiceNowCalls.CreateAsync(client, "incident", $$"""{"short_description":"a","caller_id":"{{ServiceNowCalls.AdminSysId}}"}""");
        const string Query = "api/now/table/incident?sysparm_fields=number&sysparm_query=caller_id.title%3DBoss%5EORDERBYnumber";

        var before = await NumbersAsync(client, Query);
        using (await client.PatchAsync(ServiceNowCalls.Relative($"api/now/table/sys_user/{ServiceNowCalls.AdminSysId}"),
                   ServiceNowCalls.Json("""{"title":"Boss"}"""))) { }
        var afterUserChange = await NumbersAsync(client, Query);
        await ServiceNowCalls.CreateAsync(client, "incident", $$"""{"short_description":"b","caller_id":"{{ServiceNowCalls.AdminSysId}}"}""");
        var afterInsert = await NumbersAsync(client, Query);

        Assert.Equal("", before);
        Assert.Equal("INC0010001", afterUserChange);
        Assert.Equal("INC0010001,INC0010002", afterInsert);
    }

    private static async Task<string> NumbersAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(ServiceNowCalls.Relative(path));
        var result = (await response.ReadJsonAsync()).GetProperty("result");
        return string.Join(",", result.EnumerateArray().Select(r => r.GetProperty("number").GetString()));
    }
}
