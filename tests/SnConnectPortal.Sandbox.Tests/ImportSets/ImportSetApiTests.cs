using System.Net;
using SnConnectPortal.Sandbox.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Sandbox.Tests.ImportSets;

public sealed class ImportSetApiTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private SandboxProcess Sandbox => fixture.Sandbox;

    [Fact]
    public async Task IonixRow_IsTransformedIntoAnIncident_WithTheDocumentedResponse()
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox, ServiceNowCalls.IntegrationUser, ServiceNowCalls.IntegrationPassword);
        var origin = Sandbox.BaseUrl.ToString().TrimEnd('/');

        using var response = await client.PostAsync(ServiceNowCalls.Relative("api/now/import/ionix_action_item"), ServiceNowCalls.Json(
            """{"name":"Expired certificate","body":"cert on www expired","category":"security","impact":"2","urgency":"1","opening_date":"2026-03-01 10:00:00"}"""));
        var body = await response.ReadJsonAsync();
        var row = body.GetProperty("result")[0];
        var sysId = row.GetProperty("sys_id").GetString();
        using var incident = await client.GetAsync(ServiceNowCalls.Relative(
            $"api/now/table/incident/{sysId}?sysparm_fields=short_description,description,category,impact,urgency,priority,opened_at"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("ISET0010001", body.GetProperty("import_set").GetString());
        Assert.Equal("ionix_action_item", body.GetProperty("staging_table").GetString());
        Assert.Equal(
            $$"""{"transform_map":"IONIX action item","table":"incident","display_name":"number","display_value":"INC0010001","record_link":"{{origin}}/api/now/table/incident/{{sysId}}","status":"inserted","sys_id":"{{sysId}}"}""",
            row.GetRawText());
        Assert.Equal(
            """{"result":{"short_description":"Expired certificate","description":"cert on www expired","category":"security","impact":"2","urgency":"1","priority":"2","opened_at":"2026-03-01 10:00:00"}}""",
            await incident.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RowError_StillAnswers201_WithStatusError()
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox, ServiceNowCalls.IntegrationUser, ServiceNowCalls.IntegrationPassword);

        using var response = await client.PostAsync(ServiceNowCalls.Relative("api/now/import/ionix_action_item"),
            ServiceNowCalls.Json("""{"name":"bad date","opening_date":"yesterday"}"""));
        var row = (await response.ReadJsonAsync()).GetProperty("result")[0];
        using var incidents = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("error", row.GetProperty("status").GetString());
        Assert.Contains("opening_date", row.GetProperty("error_message").GetString(), StringComparison.Ordinal);
        Assert.Equal("0", incidents.Header("X-Total-Count"));
    }

    [Fact]
    public async Task UserWithoutImportRole_Is403_AndUnknownStagingTable400()
    {
        using var readonlyClient = ServiceNowCalls.Client(Sandbox, ServiceNowCalls.ReadonlyUser, ServiceNowCalls.ReadonlyPassword);
        using var admin = ServiceNowCalls.Client(Sandbox);

        using var denied = await readonlyClient.PostAsync(ServiceNowCalls.Relative("api/now/import/ionix_action_item"),
            ServiceNowCalls.Json("""{"name":"x"}"""));
        using var unknown = await admin.PostAsync(ServiceNowCalls.Relative("api/now/import/u_unknown_staging"),
            ServiceNowCalls.Json("""{"name":"x"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("""{"error":{"message":"Invalid table u_unknown_staging","detail":null},"status":"failure"}""",
            await unknown.Content.ReadAsStringAsync());
    }
}
