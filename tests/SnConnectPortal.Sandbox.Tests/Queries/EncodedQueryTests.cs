using SnConnectPortal.Sandbox.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Sandbox.Tests.Queries;

/// <summary>Encoded queries over a small, known set of incidents (created once per class).</summary>
public sealed class EncodedQueryTests(EncodedQueryTests.IncidentsFixture fixture) : IClassFixture<EncodedQueryTests.IncidentsFixture>
{
    public sealed class IncidentsFixture : SandboxFixture, IAsyncLifetime
    {
        async Task IAsyncLifetime.InitializeAsync()
        {
            await InitializeAsync();
            using var client = ServiceNowCalls.Client(Sandbox);
            foreach (var json in new[]
            {
                """{"short_description":"Printer jam","impact":"1","urgency":"1","category":"hardware","correlation_id":"ionix-1"}""",
                """{"short_description":"VPN down","impact":"2","urgency":"2","category":"network","correlation_id":"ionix-2"}""",
                """{"short_description":"Password reset","impact":"3","urgency":"3","category":"inquiry"}""",
                """{"short_description":"Printer toner low","impact":"3","urgency":"2","category":"hardware","description":"a^b"}""",
            })
            {
                await ServiceNowCalls.CreateAsync(client, "incident", json);
            }
        }
    }

    [Theory]
    [InlineData("category=hardware", "INC0010001,INC0010004")]
    [InlineData("category!=hardware", "INC0010002,INC0010003")]
    [InlineData("short_descriptionLIKEPrinter", "INC0010001,INC0010004")]
    [InlineData("short_descriptionNOT LIKEPrinter", "INC0010002,INC0010003")]
    [InlineData("short_descriptionSTARTSWITHVPN", "INC0010002")]
    [InlineData("short_descriptionENDSWITHlow", "INC0010004")]
    [InlineData("categoryINnetwork,inquiry", "INC0010002,INC0010003")]
    [InlineData("categoryNOT INnetwork,inquiry", "INC0010001,INC0010004")]
    [InlineData("correlation_idISEMPTY", "INC0010003,INC0010004")]
    [InlineData("correlation_idISNOTEMPTY", "INC0010001,INC0010002")]
    [InlineData("correlation_id=ionix-2", "INC0010002")]
    [InlineData("priority<3", "INC0010001")]
    [InlineData("priority<=3", "INC0010001,INC0010002")]
    [InlineData("priority>4", "INC0010003")]
    [InlineData("priority>=4", "INC0010003,INC0010004")]
    [InlineData("category=hardware^impact=1", "INC0010001")]
    [InlineData("category=network^ORcategory=inquiry", "INC0010002,INC0010003")]
    [InlineData("impact=3^category=hardware^ORcategory=inquiry", "INC0010003,INC0010004")]
    [InlineData("impact=1^NQcategory=inquiry", "INC0010001,INC0010003")]
    [InlineData("category=hardware^ORDERBYDESCnumber", "INC0010004,INC0010001")]
    [InlineData("ORDERBYpriority^ORDERBYDESCnumber", "INC0010001,INC0010002,INC0010004,INC0010003")]
    [InlineData("u_no_such_field=1^category=network", "INC0010002")]
    [InlineData("categoryBOGUSOPx^category=network", "INC0010002")]
    [InlineData("opened_by.user_name=admin^impact=2", "INC0010002")]
    [InlineData("description=a^^b", "INC0010004")]
    [InlineData("Category=hardware", "INC0010001,INC0010002,INC0010003,INC0010004")]
    public async Task Query_SelectsTheExpectedIncidents(string query, string expectedNumbers)
    {
        var numbers = await NumbersAsync($"sysparm_query={Uri.EscapeDataString(query)}");

        Assert.Equal(expectedNumbers, numbers);
    }

    [Fact]
    public async Task DateTimeComparison_UsesGlideFormat()
    {
        var now = DateTime.UtcNow;

        var future = await NumbersAsync($"sysparm_query={Uri.EscapeDataString($"sys_created_on>{now.AddHours(1):yyyy-MM-dd HH:mm:ss}")}");
        var past = await NumbersAsync($"sysparm_query={Uri.EscapeDataString($"sys_created_on>={now.AddHours(-1):yyyy-MM-dd HH:mm:ss}^ORDERBYnumber")}");

        Assert.Equal("", future);
        Assert.Equal("INC0010001,INC0010002,INC0010003,INC0010004", past);
    }

    [Fact]
    public async Task PlainNameValueParameters_Filter()
    {
        var numbers = await NumbersAsync("category=hardware&impact=3");

        Assert.Equal("INC0010004", numbers);
    }

    private async Task<string> NumbersAsync(string query)
    {
        using var client = ServiceNowCalls.Client(fixture.Sandbox);
        using var response = await client.GetAsync(ServiceNowCalls.Relative($"api/now/table/incident?sysparm_fields=number&{query}"));
        var result = (await response.ReadJsonAsync()).GetProperty("result");
        return string.Join(",", result.EnumerateArray().Select(r => r.GetProperty("number").GetString()));
    }
}
