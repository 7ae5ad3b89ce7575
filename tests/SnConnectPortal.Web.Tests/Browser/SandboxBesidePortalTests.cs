using System.Net;
using System.Net.Sockets;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// With Sandbox:Launch on (as in the development settings), the portal runs the sandbox beside itself, with its demo
/// directory seeded.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SandboxBesidePortalTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task Portal_WithSandboxLaunch_StartsTheSandbox_EnablesEveryGrant_AndStopsItWhenThePortalStops()
    {
        var sandboxUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        await using var portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Sandbox:Launch"] = "true",
            ["Sandbox:Url"] = sandboxUrl.ToString(),
        });
        using var sandbox = new HttpClient { BaseAddress = sandboxUrl, Timeout = TimeSpan.FromSeconds(5) };

        await PollUntilAsync(async () => await ClientCredentialsGrantAsync(sandbox) == HttpStatusCode.OK, "the sandbox to answer a client_credentials grant", portal);
        Assert.True(await UserCountAsync(sandbox) >= 300, "The sandbox beside the portal seeds a directory of a few hundred users to try mapping on.");
        await portal.StopGracefullyAsync();
        await PollUntilAsync(async () => !await AnswersAsync(sandbox), "the sandbox to stop", portal);
    }

    private static async Task<HttpStatusCode?> ClientCredentialsGrantAsync(HttpClient sandbox)
    {
        try
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "snc-portal",
                ["client_secret"] = "snc-portal-secret",
            });
            using var response = await sandbox.PostAsync(new Uri("oauth_token.do", UriKind.Relative), form);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task<int> UserCountAsync(HttpClient sandbox)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/now/table/sys_user?sysparm_limit=1&sysparm_fields=sys_id", UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:admin"u8.ToArray()));
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await sandbox.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return int.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<bool> AnswersAsync(HttpClient sandbox)
    {
        try
        {
            using var response = await sandbox.GetAsync(new Uri("sandbox/health", UriKind.Relative));
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task PollUntilAsync(Func<Task<bool>> condition, string what, PortalProcess portal)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited {Deadline.TotalSeconds} s for {what}. Portal output:\n{portal.Output}");
            await Task.Delay(PollInterval);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
