using System.Net;
using System.Text.Json;
using SnConnectPortal.Sandbox.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Sandbox.Tests.Tables;

public sealed class TableApiTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private SandboxProcess Sandbox => fixture.Sandbox;

    [Theory]
    [InlineData("api/now/table/sys_user")]
    [InlineData("api/now/v1/table/sys_user")]
    [InlineData("api/now/v2/table/sys_user")]
    public async Task List_ReturnsResultArray_OfStringValues(string path)
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox);

        using var response = await client.GetAsync(ServiceNowCalls.Relative(path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.ReadJsonAsync()).GetProperty("result");
        Assert.Equal(4, result.GetArrayLength());
        Assert.Equal("4", response.Header("X-Total-Count"));
        Assert.Equal("", response.Header("Link"));
        var admin = result.EnumerateArray().Single(u => u.GetProperty("user_name").GetString() == "admin");
        Assert.All(admin.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        Assert.Equal("true", admin.GetProperty("active").GetString());
        Assert.False(admin.TryGetProperty("user_password", out _));
    }

    [Fact]
    public async Task EmptyList_IsNotFoundOnV1_AndEmptyArrayOnV2()
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox);

        using var v1 = await client.GetAsync(ServiceNowCalls.Relative("api/now/v1/table/incident"));
        using var v2 = await client.GetAsync(ServiceNowCalls.Relative("api/now/v2/table/incident"));
        using var latest = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));

        Assert.Equal(HttpStatusCode.NotFound, v1.StatusCode);
        Assert.Equal(HttpStatusCode.OK, v2.StatusCode);
        Assert.Equal("""{"result":[]}""", await v2.Content.ReadAsStringAsync());
        Assert.Equal("""{"result":[]}""", await latest.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Paging_SendsTotalCount_AndTheCapturedLinkFormat()
    {
        await Sandbox.ResetAsync();
        await Sandbox.SeedAsync(users: 69);
        using var client = ServiceNowCalls.Client(Sandbox);
        var origin = Sandbox.BaseUrl.ToString().TrimEnd('/');

        using var first = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user?sysparm_limit=1&sysparm_offset=0"));
        using var middle = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user?sysparm_query=active%3Dtrue%5EORactive%3Dfalse&sysparm_limit=10&sysparm_offset=30"));
        using var last = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user?sysparm_limit=10&sysparm_offset=70"));

        Assert.Equal("73", first.Header("X-Total-Count"));
        Assert.Equal(
            $"<{origin}/api/now/table/sys_user?sysparm_limit=1&sysparm_offset=0>;rel=\"first\"," +
            $"<{origin}/api/now/table/sys_user?sysparm_limit=1&sysparm_offset=-1>;rel=\"prev\"," +
            $"<{origin}/api/now/table/sys_user?sysparm_limit=1&sysparm_offset=1>;rel=\"next\"," +
            $"<{origin}/api/now/table/sys_user?sysparm_limit=1&sysparm_offset=72>;rel=\"last\"",
            first.Header("Link"));
        Assert.Equal(
            $"<{origin}/api/now/table/sys_user?sysparm_query=active%3Dtrue%5EORactive%3Dfalse&sysparm_limit=10&sysparm_offset=0>;rel=\"first\"," +
            $"<{origin}/api/now/table/sys_user?sysparm_query=active%3Dtrue%5EORactive%3Dfalse&sysparm_limit=10&sysparm_offset=20>;rel=\"prev\"," +
            $"<{origin}/api/now/table/sys_user?sysparm_query=active%3Dtrue%5EORactive%3Dfalse&sysparm_limit=10&sysparm_offset=40>;rel=\"next\"," +
            $"<{origin}/api/now/table/sys_user?sysparm_query=active%3Dtrue%5EORactive%3Dfalse&sysparm_limit=10&sysparm_offset=70>;rel=\"last\"",
            middle.Header("Link"));
        Assert.DoesNotContain("rel=\"next\"", last.Header("Link"), StringComparison.Ordinal);
        Assert.Equal(3, (await last.ReadJsonAsync()).GetProperty("result").GetArrayLength());
    }

    [Fact]
    public async Task Paging_FirstPageOfALargeLimit_OmitsPrev_AndAppendsMissingParameters()
    {
        await Sandbox.ResetAsync();
        await Sandbox.SeedAsync(users: 2000);
        using var client = ServiceNowCalls.Client(Sandbox);
        var origin = Sandbox.BaseUrl.ToString().TrimEnd('/');

        using var response = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user?sysparm_fields=sys_id&sysparm_limit=1000"));

        Assert.Equal(
            $"<{origin}/api/now/table/sys_user?sysparm_fields=sys_id&sysparm_limit=1000&sysparm_offset=0>;rel=\"first\"," +
            $"<{origin}/api/now/table/sys_user?sysparm_fields=sys_id&sysparm_limit=1000&sysparm_offset=1000>;rel=\"next\"," +
            $"<{origin}/api/now/table/sys_user?sysparm_fields=sys_id&sysparm_limit=1000&sysparm_offset=2000>;rel=\"last\"",
            response.Header("Link"));
    }

    [Fact]
    public async Task SuppressPaginationHeader_DropsLink_KeepsTotal_AndNoCountDropsTotal()
    {
        await Sandbox.ResetAsync();
        await Sandbox.SeedAsync(users: 20);
        using var client = ServiceNowCalls.Client(Sandbox);

        using var suppressed = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user?sysparm_limit=5&sysparm_suppress_pagination_header=true"));
        using var noCount = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user?sysparm_limit=5&sysparm_no_count=true"));

        Assert.Equal("", suppressed.Header("Link"));
        Assert.Equal("24", suppressed.Header("X-Total-Count"));
        Assert.Equal("", noCount.Header("X-Total-Count"));
        Assert.DoesNotContain("rel=\"last\"", noCount.Header("Link"), StringComparison.Ordinal);
        Assert.Contains("rel=\"next\"", noCount.Header("Link"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetOne_ReturnsRecord_AndMissingRecordIs404Envelope()
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox);

        using var found = await client.GetAsync(ServiceNowCalls.Relative($"api/now/table/sys_user/{ServiceNowCalls.AdminSysId}"));
        using var missing = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user/0123456789abcdef0123456789abcdef"));

        Assert.Equal("admin", (await found.ReadJsonAsync()).GetProperty("result").GetProperty("user_name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(
            """{"error":{"message":"No Record found","detail":"Record doesn't exist or ACL restricts the record retrieval"},"status":"failure"}""",
            await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownTable_Is400InvalidTable()
    {
        using var client = ServiceNowCalls.Client(Sandbox);

        using var response = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/u_nope"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":{"message":"Invalid table u_nope","detail":null},"status":"failure"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_Creates201_WithLocation_AndPutPatchDeleteWork()
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox);

        using var created = await client.PostAsync(ServiceNowCalls.Relative("api/now/v2/table/incident"),
            ServiceNowCalls.Json("""{"short_description":"Disk full","urgency":2}"""));
        var record = (await created.ReadJsonAsync()).GetProperty("result");
        var sysId = record.GetProperty("sys_id").GetString()!;
        using var put = await client.PutAsync(ServiceNowCalls.Relative($"api/now/table/incident/{sysId}"),
            ServiceNowCalls.Json("""{"impact":"1"}"""));
        using var patch = await client.PatchAsync(ServiceNowCalls.Relative($"api/now/table/incident/{sysId}"),
            ServiceNowCalls.Json("""{"description":"on /var"}"""));
        using var delete = await client.DeleteAsync(ServiceNowCalls.Relative($"api/now/table/incident/{sysId}"));
        using var gone = await client.GetAsync(ServiceNowCalls.Relative($"api/now/table/incident/{sysId}"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(new Uri(Sandbox.BaseUrl, $"api/now/v2/table/incident/{sysId}"), created.Headers.Location);
        Assert.Matches("^[0-9a-f]{32}$", sysId);
        Assert.Equal("2", record.GetProperty("urgency").GetString());
        var patched = (await patch.ReadJsonAsync()).GetProperty("result");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("1", patched.GetProperty("impact").GetString());
        Assert.Equal("on /var", patched.GetProperty("description").GetString());
        Assert.Equal("Disk full", patched.GetProperty("short_description").GetString());
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal("", await delete.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task NoResponseBodyHeader_SuppressesTheBody()
    {
        using var client = ServiceNowCalls.Client(Sandbox);
        using var request = new HttpRequestMessage(HttpMethod.Post, ServiceNowCalls.Relative("api/now/table/incident"))
        {
            Content = ServiceNowCalls.Json("""{"short_description":"quiet"}"""),
        };
        request.Headers.Add("X-no-response-body", "true");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task References_ComeAsLinkAndValue_OrPlainWhenLinksExcluded()
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox);
        var origin = Sandbox.BaseUrl.ToString().TrimEnd('/');
        var incident = await ServiceNowCalls.CreateAsync(client, "incident",
            $$"""{"short_description":"ref","caller_id":"{{ServiceNowCalls.AdminSysId}}","impact":"1"}""");
        var id = incident.GetProperty("sys_id").GetString();

        var plain = await GetResultAsync(client, $"api/now/table/incident/{id}?sysparm_fields=caller_id,impact");
        var excluded = await GetResultAsync(client, $"api/now/table/incident/{id}?sysparm_fields=caller_id&sysparm_exclude_reference_link=true");
        var display = await GetResultAsync(client, $"api/now/table/incident/{id}?sysparm_fields=caller_id,impact&sysparm_display_value=true");
        var all = await GetResultAsync(client, $"api/now/table/incident/{id}?sysparm_fields=caller_id,impact&sysparm_display_value=all");
        var allExcluded = await GetResultAsync(client, $"api/now/table/incident/{id}?sysparm_fields=caller_id&sysparm_display_value=all&sysparm_exclude_reference_link=true");

        Assert.Equal($$"""{"caller_id":{"link":"{{origin}}/api/now/table/sys_user/{{ServiceNowCalls.AdminSysId}}","value":"{{ServiceNowCalls.AdminSysId}}"},"impact":"1"}""", plain);
        Assert.Equal($$"""{"caller_id":"{{ServiceNowCalls.AdminSysId}}"}""", excluded);
        Assert.Equal($$"""{"caller_id":{"display_value":"System Administrator","link":"{{origin}}/api/now/table/sys_user/{{ServiceNowCalls.AdminSysId}}"},"impact":"1 - High"}""", display);
        Assert.Equal($$$"""{"caller_id":{"display_value":"System Administrator","value":"{{{ServiceNowCalls.AdminSysId}}}","link":"{{{origin}}}/api/now/table/sys_user/{{{ServiceNowCalls.AdminSysId}}}"},"impact":{"display_value":"1 - High","value":"1"}}""", all);
        Assert.Equal($$$"""{"caller_id":{"display_value":"System Administrator","value":"{{{ServiceNowCalls.AdminSysId}}}"}}""", allExcluded);
    }

    [Fact]
    public async Task Fields_SelectColumns_AndDotWalkOneLevel_IgnoringUnknownNames()
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox);
        var incident = await ServiceNowCalls.CreateAsync(client, "incident",
            $$"""{"short_description":"walk","caller_id":"{{ServiceNowCalls.AdminSysId}}"}""");

        var result = await GetResultAsync(client,
            $"api/now/table/incident/{incident.GetProperty("sys_id").GetString()}?sysparm_fields=number,caller_id.user_name,caller_id.email,u_unknown");

        Assert.Equal("""{"number":"INC0010001","caller_id.user_name":"admin","caller_id.email":"admin@example.com"}""", result);
    }

    [Fact]
    public async Task Head_AnswersWithoutBody()
    {
        using var client = ServiceNowCalls.Client(Sandbox);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, ServiceNowCalls.Relative("api/now/table/sys_user")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("", response.Header("X-Total-Count"));
    }

    private static async Task<string> GetResultAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(ServiceNowCalls.Relative(path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("result").GetRawText();
    }
}
