using System.Text.Json;
using SnConnectPortal.Sandbox.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Sandbox.Tests.Tables;

public sealed class IncidentRulesTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private SandboxProcess Sandbox => fixture.Sandbox;

    [Fact]
    public async Task Insert_NumbersFromINC0010001_AndAppliesDefaults()
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox, ServiceNowCalls.IntegrationUser, ServiceNowCalls.IntegrationPassword);

        var first = await ServiceNowCalls.CreateAsync(client, "incident", """{"short_description":"first"}""");
        var second = await ServiceNowCalls.CreateAsync(client, "incident", """{"short_description":"second","priority":"1"}""");

        Assert.Equal("INC0010001", first.GetProperty("number").GetString());
        Assert.Equal("INC0010002", second.GetProperty("number").GetString());
        Assert.Equal("1", first.GetProperty("state").GetString());
        Assert.Equal("1", first.GetProperty("incident_state").GetString());
        Assert.Equal("3", first.GetProperty("impact").GetString());
        Assert.Equal("3", first.GetProperty("urgency").GetString());
        Assert.Equal("5", first.GetProperty("priority").GetString());
        Assert.Equal("5", second.GetProperty("priority").GetString());
        Assert.Equal("3", first.GetProperty("severity").GetString());
        Assert.Equal("inquiry", first.GetProperty("category").GetString());
        Assert.Equal("true", first.GetProperty("active").GetString());
        Assert.Equal("0", first.GetProperty("sys_mod_count").GetString());
        Assert.Equal("snc.integration", first.GetProperty("sys_created_by").GetString());
        Assert.Equal("snc.integration", first.GetProperty("sys_updated_by").GetString());
        Assert.Equal(first.GetProperty("sys_created_on").GetString(), first.GetProperty("opened_at").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", first.GetProperty("sys_created_on").GetString());
        Assert.Equal("5137153cc611227c000bbd1bd8cd2005", first.GetProperty("opened_by").GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("incident")]
    [InlineData("problem")]
    [InlineData("change_request")]
    public async Task Insert_StoresTheTaskFieldsARealInstanceHas_AndIgnoresFieldsTheTableDoesNotHave(string table)
    {
        using var client = ServiceNowCalls.Client(Sandbox);

        var record = await ServiceNowCalls.CreateAsync(client, table,
            """{"short_description":"task fields","work_notes":"Seen by the hub","close_notes":"Renewed","contact_type":"integration","due_date":"2026-12-24 12:00:00","no_such_field":"x"}""");

        Assert.Equal(("Seen by the hub", "Renewed", "integration", "2026-12-24 12:00:00"), (record.GetProperty("work_notes").GetString(),
            record.GetProperty("close_notes").GetString(), record.GetProperty("contact_type").GetString(), record.GetProperty("due_date").GetString()));
        Assert.False(record.TryGetProperty("no_such_field", out _));
        foreach (var field in new[] { "cmdb_ci", "company", "location", "business_service", "parent", "watch_list", "comments", "closed_by" })
        {
            Assert.True(record.TryGetProperty(field, out _), $"{table} has no {field}");
        }
    }

    [Theory]
    [InlineData("1", "1", "1")]
    [InlineData("1", "2", "2")]
    [InlineData("1", "3", "3")]
    [InlineData("2", "1", "2")]
    [InlineData("2", "2", "3")]
    [InlineData("2", "3", "4")]
    [InlineData("3", "1", "3")]
    [InlineData("3", "2", "4")]
    [InlineData("3", "3", "5")]
    public async Task Priority_FollowsTheImpactUrgencyMatrix(string impact, string urgency, string priority)
    {
        using var client = ServiceNowCalls.Client(Sandbox);

        var incident = await ServiceNowCalls.CreateAsync(client, "incident",
            $$"""{"short_description":"matrix","impact":"{{impact}}","urgency":"{{urgency}}"}""");

        Assert.Equal(priority, incident.GetProperty("priority").GetString());
    }

    [Fact]
    public async Task Update_CountsModifications_RecomputesPriority_AndResolves()
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox);
        var incident = await ServiceNowCalls.CreateAsync(client, "incident", """{"short_description":"to resolve"}""");
        var id = incident.GetProperty("sys_id").GetString();

        await PatchAsync(client, id, """{"impact":"1","urgency":"1"}""");
        var resolved = await PatchAsync(client, id, """{"state":"6","close_code":"Solved (Permanently)"}""");

        Assert.Equal("2", resolved.GetProperty("sys_mod_count").GetString());
        Assert.Equal("1", resolved.GetProperty("priority").GetString());
        Assert.Equal("6", resolved.GetProperty("incident_state").GetString());
        Assert.Equal("false", resolved.GetProperty("active").GetString());
        Assert.NotEqual("", resolved.GetProperty("resolved_at").GetString());
        Assert.Equal("admin", resolved.GetProperty("sys_updated_by").GetString());
    }

    [Fact]
    public async Task CorrelationId_IsStored_AndQueryable()
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox);
        await ServiceNowCalls.CreateAsync(client, "incident", """{"short_description":"a","correlation_id":"hub-42"}""");
        await ServiceNowCalls.CreateAsync(client, "incident", """{"short_description":"b","correlation_id":"hub-43"}""");

        using var response = await client.GetAsync(ServiceNowCalls.Relative(
            "api/now/table/incident?sysparm_query=correlation_id%3Dhub-43&sysparm_fields=short_description,correlation_id"));

        Assert.Equal("""{"result":[{"short_description":"b","correlation_id":"hub-43"}]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OtherTaskTables_HaveTheirOwnNumbers()
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox);

        var problem = await ServiceNowCalls.CreateAsync(client, "problem", """{"short_description":"p"}""");
        var change = await ServiceNowCalls.CreateAsync(client, "change_request", """{"short_description":"c"}""");

        Assert.Equal("PRB0040001", problem.GetProperty("number").GetString());
        Assert.Equal("CHG0030001", change.GetProperty("number").GetString());
    }

    [Fact]
    public async Task Metadata_DictionaryAndChoices_DescribeTheIncidentFields()
    {
        using var client = ServiceNowCalls.Client(Sandbox, ServiceNowCalls.IntegrationUser, ServiceNowCalls.IntegrationPassword);

        using var dictionary = await client.GetAsync(ServiceNowCalls.Relative(
            "api/now/table/sys_dictionary?sysparm_query=name%3Dincident%5EelementINshort_description,description%5EORDERBYelement&sysparm_fields=element,max_length"));
        using var choices = await client.GetAsync(ServiceNowCalls.Relative(
            "api/now/table/sys_choice?sysparm_query=name%3Dincident%5Eelement%3Dimpact%5EORDERBYvalue&sysparm_fields=value,label"));

        Assert.Equal("""{"result":[{"element":"description","max_length":"4000"},{"element":"short_description","max_length":"160"}]}""",
            await dictionary.Content.ReadAsStringAsync());
        Assert.Equal("""{"result":[{"value":"1","label":"1 - High"},{"value":"2","label":"2 - Medium"},{"value":"3","label":"3 - Low"}]}""",
            await choices.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> PatchAsync(HttpClient client, string? id, string json)
    {
        using var response = await client.PatchAsync(ServiceNowCalls.Relative($"api/now/table/incident/{id}"), ServiceNowCalls.Json(json));
        return (await response.ReadJsonAsync()).GetProperty("result");
    }
}
