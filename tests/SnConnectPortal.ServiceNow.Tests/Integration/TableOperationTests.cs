using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.ServiceNow.Queries;
using SnConnectPortal.ServiceNow.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.ServiceNow.Tests.Integration;

public class TableOperationTests(SandboxFixture fixture) : SandboxTestBase(fixture)
{
    [Fact]
    public async Task CreateGetUpdateDelete_Incident_RoundTrips()
    {
        var client = Host.Client(ServiceNowAuthMode.Basic);
        var created = await client.CreateAsync("incident", new Dictionary<string, string>
        {
            ["short_description"] = "Printer on fire",
            ["correlation_id"] = "hub-42",
        }, Ct);
        var sysId = created.Value.SysId;

        var updated = await client.UpdateAsync("incident", sysId, new Dictionary<string, string> { ["urgency"] = "1" }, Ct);
        var fetched = await client.GetAsync("incident", sysId, Ct);
        var deleted = await client.DeleteAsync("incident", sysId, Ct);
        var afterDelete = await Assert.ThrowsAsync<ServiceNowException>(() => client.GetAsync("incident", sysId, Ct));

        Assert.Equal(201, created.Response.StatusCode);
        Assert.Matches("^[0-9a-f]{32}$", sysId);
        Assert.Equal("1", updated.Value["urgency"]);
        Assert.Equal("Printer on fire", fetched.Value["short_description"]);
        Assert.Contains("\"result\"", fetched.RawJson, StringComparison.Ordinal);
        Assert.NotNull(fetched.Response.ServerDate);
        Assert.True(fetched.Response.Elapsed > TimeSpan.Zero);
        Assert.Equal(204, deleted.StatusCode);
        Assert.Equal(ServiceNowErrorKind.NotFound, afterDelete.Kind);
    }

    [Fact]
    public async Task FindByCorrelationId_ExistingAndMissing_FindsOnlyTheMatch()
    {
        var client = Host.Client(ServiceNowAuthMode.Basic);
        var created = await client.CreateAsync("incident", new Dictionary<string, string>
        {
            ["short_description"] = "Correlated",
            ["correlation_id"] = "hub-correlation-7",
        }, Ct);

        var found = await client.FindByCorrelationIdAsync("incident", "hub-correlation-7", Ct);
        var missing = await client.FindByCorrelationIdAsync("incident", "hub-correlation-none", Ct);

        Assert.Equal(created.Value.SysId, found?.SysId);
        Assert.Null(missing);
    }

    [Fact]
    public async Task QueryPage_EncodedQuery_FiltersRows()
    {
        var client = Host.Client(ServiceNowAuthMode.Basic);
        var query = TableQuery.All with { Query = EncodedQuery.Create().Where("user_name", QueryOperator.StartsWith, "snc.") };

        var users = await client.QueryUsersAsync(query, Ct).ToListAsync(Ct);

        Assert.Equal(["snc.integration", "snc.locked", "snc.readonly"], users.Select(u => u.UserName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Get_MissingRecord_NotFoundWithServiceNowDetail()
    {
        var client = Host.Client(ServiceNowAuthMode.Basic);

        var failure = await Assert.ThrowsAsync<ServiceNowException>(() => client.GetAsync("incident", new string('0', 32), Ct));

        Assert.Equal(ServiceNowErrorKind.NotFound, failure.Kind);
        Assert.Equal(404, failure.StatusCode);
        Assert.False(string.IsNullOrEmpty(failure.Error.Message));
        Assert.Single(await Host.RequestsAsync("/api/now/table/incident", Ct));
    }

    [Fact]
    public async Task QueryPage_UnknownTable_InvalidTable()
    {
        var client = Host.Client(ServiceNowAuthMode.Basic);

        var failure = await Assert.ThrowsAsync<ServiceNowException>(() => client.QueryPageAsync("u_no_such_table", TableQuery.All, 0, Ct));

        Assert.Equal(ServiceNowErrorKind.InvalidTable, failure.Kind);
        Assert.Equal(400, failure.StatusCode);
    }

    [Fact]
    public async Task Create_UserWithoutRoles_ForbiddenByAcl()
    {
        var client = Host.Client(Host.Settings(ServiceNowAuthMode.Basic) with { UserName = "snc.readonly", Password = "snc-readonly-pw" });

        var failure = await Assert.ThrowsAsync<ServiceNowException>(() =>
            client.CreateAsync("incident", new Dictionary<string, string> { ["short_description"] = "denied" }, Ct));

        Assert.Equal(ServiceNowErrorKind.Forbidden, failure.Kind);
        Assert.Contains("itil", failure.Error.Remedy, StringComparison.Ordinal);
    }
}
