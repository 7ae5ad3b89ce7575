using System.Text.Json;
using SnConnectPortal.ServiceNow.Records;

namespace SnConnectPortal.ServiceNow.Tests.Records;

public class ServiceNowRecordTests
{
    [Fact]
    public void FromJson_StringsReferencesAndDisplayValues_KeepStoredValues()
    {
        using var document = JsonDocument.Parse("""
            {"sys_id":"abc","active":"true","manager":{"link":"https://x/api/now/table/sys_user/m1","value":"m1"},
             "state":{"display_value":"New","value":"1"},"department":{"display_value":"IT","link":"https://x"},"email":null}
            """);

        var record = ServiceNowRecord.FromJson(document.RootElement);

        Assert.Equal("abc", record.SysId);
        Assert.Equal("m1", record["manager"]);
        Assert.Equal("1", record["state"]);
        Assert.Equal("IT", record["department"]);
        Assert.Equal(string.Empty, record["email"]);
        Assert.Equal(string.Empty, record["missing"]);
        Assert.Contains("\"manager\"", record.RawJson, StringComparison.Ordinal);
    }

    [Fact]
    public void SysUserRecordFrom_Row_ReadsTypedFields()
    {
        using var document = JsonDocument.Parse("""
            {"sys_id":"u1","user_name":"snc.integration","first_name":"Snc","last_name":"Integration","email":"i@example.com",
             "active":"true","locked_out":"false","web_service_access_only":"true"}
            """);

        var user = SysUserRecord.From(ServiceNowRecord.FromJson(document.RootElement));

        Assert.Equal("snc.integration", user.UserName);
        Assert.True(user.Active);
        Assert.False(user.LockedOut);
        Assert.True(user.WebServiceAccessOnly);
    }
}
