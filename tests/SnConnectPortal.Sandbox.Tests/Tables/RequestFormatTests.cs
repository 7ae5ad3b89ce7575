using System.Net;
using System.Net.Http.Headers;
using SnConnectPortal.Sandbox.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Sandbox.Tests.Tables;

public sealed class RequestFormatTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private SandboxProcess Sandbox => fixture.Sandbox;

    [Fact]
    public async Task XmlAccept_Is406()
    {
        using var client = new HttpClient { BaseAddress = Sandbox.BaseUrl };
        client.DefaultRequestHeaders.Authorization = ServiceNowCalls.Basic("admin", "admin");
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));

        using var response = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user"));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Contains("\"status\":\"failure\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingAccept_Is400()
    {
        using var client = new HttpClient { BaseAddress = Sandbox.BaseUrl };
        client.DefaultRequestHeaders.Authorization = ServiceNowCalls.Basic("admin", "admin");

        using var response = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task NonJsonContentTypeOnWrite_Is415()
    {
        using var client = ServiceNowCalls.Client(Sandbox);

        using var response = await client.PostAsync(ServiceNowCalls.Relative("api/now/table/incident"),
            new StringContent("<xml/>", System.Text.Encoding.UTF8, "application/xml"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task InvalidJson_Is400()
    {
        using var client = ServiceNowCalls.Client(Sandbox);

        using var response = await client.PostAsync(ServiceNowCalls.Relative("api/now/table/incident"), ServiceNowCalls.Json("{nope"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task BodyOverTheRestLimit_Is413WithServiceNowDetail()
    {
        await Sandbox.ResetAsync();
        await Sandbox.ConfigureAsync(new { maxRequestBodyBytes = 100 });
        using var client = ServiceNowCalls.Client(Sandbox);
        var body = $$"""{"short_description":"{{new string('x', 200)}}"}""";

        using var response = await client.PostAsync(ServiceNowCalls.Relative("api/now/table/incident"), ServiceNowCalls.Json(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(
            $$"""{"error":{"message":"Exception while reading request","detail":"Rejected large REST payload with content-length = {{body.Length}} Max allowed: 100 bytes."},"status":"failure"}""",
            await response.Content.ReadAsStringAsync());
        await Sandbox.ResetAsync();
    }

    [Fact]
    public async Task ClockSkew_MovesTheDateHeader_AndTimestamps()
    {
        await Sandbox.ResetAsync();
        await Sandbox.ConfigureAsync(new { clockSkewSeconds = 7200 });
        using var client = ServiceNowCalls.Client(Sandbox);

        using var response = await client.PostAsync(ServiceNowCalls.Relative("api/now/table/incident"),
            ServiceNowCalls.Json("""{"short_description":"skewed"}"""));

        var date = response.Headers.Date!.Value;
        var created = DateTime.ParseExact((await response.ReadJsonAsync()).GetProperty("result").GetProperty("sys_created_on").GetString()!,
            "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange((date - DateTimeOffset.UtcNow).TotalSeconds, 7100, 7300);
        Assert.InRange((created - DateTime.UtcNow).TotalSeconds, 7100, 7300);
        await Sandbox.ResetAsync();
    }

    [Fact]
    public async Task UnknownApiPath_Is400()
    {
        using var client = ServiceNowCalls.Client(Sandbox);

        using var response = await client.GetAsync(ServiceNowCalls.Relative("api/now/nothing/here"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":{"message":"Requested URI does not represent any resource","detail":null},"status":"failure"}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnsupportedMethod_Is405WithEnvelope()
    {
        using var client = ServiceNowCalls.Client(Sandbox);

        using var response = await client.PutAsync(ServiceNowCalls.Relative("api/now/table/incident"), ServiceNowCalls.Json("{}"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("""{"error":{"message":"Method not Supported","detail":null},"status":"failure"}""",
            await response.Content.ReadAsStringAsync());
    }
}
