using System.Net;
using System.Net.Sockets;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>With Sandbox:Launch on (as in the development settings), the portal runs the sandbox beside itself.</summary>
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
