using SnConnectPortal.Sandbox.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Sandbox.Tests.Persistence;

public sealed class SqliteStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sandbox-store-").FullName;

    [Fact]
    public async Task StorePath_KeepsRecordsAndCountersAcrossRestarts()
    {
        var settings = new Dictionary<string, string> { ["StorePath"] = Path.Combine(_folder, "sandbox.db"), ["ExtraUsers"] = "10" };
        string sysId;
        await using (var first = await SandboxProcess.StartAsync(settings))
        {
            using var client = ServiceNowCalls.Client(first);
            sysId = (await ServiceNowCalls.CreateAsync(client, "incident", """{"short_description":"persisted"}""")).GetProperty("sys_id").GetString()!;
            using (await client.PatchAsync(ServiceNowCalls.Relative($"api/now/table/incident/{sysId}"), ServiceNowCalls.Json("""{"impact":"1"}"""))) { }
        }

        await using var second = await SandboxProcess.StartAsync(settings);
        using var again = ServiceNowCalls.Client(second);
        using var response = await again.GetAsync(ServiceNowCalls.Relative($"api/now/table/incident/{sysId}?sysparm_fields=short_description,impact,sys_mod_count"));
        var next = await ServiceNowCalls.CreateAsync(again, "incident", """{"short_description":"after restart"}""");
        using var users = await again.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user?sysparm_limit=1"));

        Assert.Equal("""{"result":{"short_description":"persisted","impact":"1","sys_mod_count":"1"}}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("INC0010002", next.GetProperty("number").GetString());
        Assert.Equal("14", users.Header("X-Total-Count"));
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
    }
}
