using SnConnectPortal.ServiceNow.Records;
using SnConnectPortal.ServiceNow.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.ServiceNow.Tests.Integration;

/// <summary>Against the sandbox's IONIX staging table (docs/sandbox.md), transformed into incident.</summary>
public class ImportSetTests(SandboxFixture fixture) : SandboxTestBase(fixture)
{
    private const string StagingTable = "ionix_action_item";

    [Fact]
    public async Task PostImportSet_ValidRow_InsertedRecordParsed()
    {
        var client = Host.Client(ServiceNowAuthMode.Basic);

        var result = await client.PostImportSetAsync(StagingTable, new Dictionary<string, string>
        {
            ["name"] = "Expired certificate on www",
            ["body"] = "The certificate expired yesterday.",
            ["urgency"] = "2",
        }, Ct);

        var row = Assert.Single(result.Value.Results);
        Assert.Equal(StagingTable, result.Value.StagingTable);
        Assert.StartsWith("ISET", result.Value.ImportSet, StringComparison.Ordinal);
        Assert.Equal("incident", row.Table);
        Assert.Equal(ImportSetRowStatus.Inserted, row.Status);
        Assert.False(result.Value.HasErrors);
        var incident = await client.GetAsync("incident", row.SysId!, Ct);
        Assert.Equal("Expired certificate on www", incident.Value["short_description"]);
    }

    [Fact]
    public async Task PostImportSet_RowTheTransformRejects_ErrorStatusDespite2xx()
    {
        var client = Host.Client(ServiceNowAuthMode.Basic);

        var result = await client.PostImportSetAsync(StagingTable, new Dictionary<string, string>
        {
            ["name"] = "Bad date",
            ["opening_date"] = "not a date",
        }, Ct);

        var row = Assert.Single(result.Value.Results);
        Assert.InRange(result.Response.StatusCode, 200, 299);
        Assert.Equal(ImportSetRowStatus.Error, row.Status);
        Assert.True(result.Value.HasErrors);
        Assert.False(string.IsNullOrEmpty(row.ErrorMessage ?? row.StatusMessage));
    }
}
