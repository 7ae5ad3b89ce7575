using System.Net;
using System.Net.Http.Json;
using SnConnectPortal.Sandbox.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Sandbox.Tests.Auth;

public sealed class BasicAuthTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private const string UnauthorizedBody =
        """{"error":{"message":"User Not Authenticated","detail":"Required to provide Auth information"},"status":"failure"}""";

    private SandboxProcess Sandbox => fixture.Sandbox;

    [Theory]
    [InlineData("admin", "admin")]
    [InlineData("snc.integration", "snc-integration-pw")]
    [InlineData("snc.readonly", "snc-readonly-pw")]
    public async Task SeededUsers_SignInWithBasic(string user, string password)
    {
        using var client = ServiceNowCalls.Client(Sandbox, user, password);

        using var response = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/sys_user?sysparm_limit=1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json;charset=UTF-8", response.Header("Content-Type"));
        Assert.Equal("ServiceNow", response.Header("Server"));
    }

    [Theory]
    [InlineData("admin", "wrong")]
    [InlineData("nobody", "x")]
    [InlineData("snc.locked", "snc-locked-pw")]
    public async Task BadOrLockedCredentials_Get401WithEnvelopeAndChallenge(string user, string password)
    {
        using var client = ServiceNowCalls.Client(Sandbox, user, password);

        using var response = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(UnauthorizedBody, await response.Content.ReadAsStringAsync());
        Assert.Equal("Basic realm=\"Service-now\"", response.Header("WWW-Authenticate"));
    }

    [Fact]
    public async Task NoCredentials_Get401()
    {
        using var client = new HttpClient { BaseAddress = Sandbox.BaseUrl };
        client.DefaultRequestHeaders.Add("Accept", "application/json");

        using var response = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(UnauthorizedBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PasswordNeedsReset_IsRefused()
    {
        await Sandbox.ResetAsync();
        using (await Sandbox.Control.PostAsJsonAsync("sandbox/users",
                   new { userName = "must.reset", password = "pw", roles = new[] { "itil" }, passwordNeedsReset = true })) { }
        using var client = ServiceNowCalls.Client(Sandbox, "must.reset", "pw");

        using var response = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
