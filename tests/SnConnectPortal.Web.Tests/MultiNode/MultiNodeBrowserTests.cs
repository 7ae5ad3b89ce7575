using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Tests.Browser;

namespace SnConnectPortal.Web.Tests.MultiNode;

/// <summary>A person's browser on two nodes behind nginx: the message view shows what either node received, and the page survives its node.</summary>
[Collection(MultiNodeCollection.Name)]
public sealed class MultiNodeBrowserTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 15_000 };

    [Fact]
    public async Task MessageView_ShowsMessagesEitherNodeReceived_AndComesBackOnTheOtherNode_WhenItsNodeDies()
    {
        await using var nodes = await PortalNodes.StartAsync(sandbox.BaseUrl, count: 2);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(nodes.Nginx.BaseUrl);
        await PortalNavigation.SignInAsync(page, PortalNodes.AdminEmail, PortalNodes.AdminPassword);
        await PortalNavigation.OpenFromMenuAsync(page, "Messages");

        // A message from ServiceNow received by each node straight, so one of them is not the node this page's circuit
        // lives on (inbound messages are not delivered, so no other node touches them).
        foreach (var node in nodes.Nodes)
        {
            var responseId = await ReceiveAsync(nodes, node.BaseUrl, $"Received by {nodes.NodeName(node)}");
            await Assertions.Expect(page.Locator($"tr:has([data-response-id='{responseId}'])")).ToBeVisibleAsync(Live);
        }

        await BrowserSession.ScreenshotAsync(page, "multinode-01-messages-from-both-nodes");

        // The page's circuit lives where its negotiation went (nginx logs the WebSocket itself only when it closes).
        var served = await nodes.Nginx.NodeThatServedAsync("/_blazor/negotiate");
        var pageNode = nodes.Nodes.Single(n => served == $"{n.BaseUrl.Host}:{n.BaseUrl.Port}");
        var survivor = nodes.Nodes.Single(n => n != pageNode);

        // The circuit is gone with its node: Blazor reconnects through nginx to the other node, which does not know the
        // circuit, and the page reloads there, still signed in (the cookie's keys are in the shared database).
        // The old document (its dead circuit's rows and "interactive" mark) stays on screen until the new one has loaded,
        // so what proves the new page is a row only the survivor can show, read by the new circuit once it is up.
        await page.RunAndWaitForResponseAsync(pageNode.KillAsync, r => r.Request.IsNavigationRequest && r.Url.EndsWith("/messages", StringComparison.Ordinal), new() { Timeout = 60_000 });
        var afterwards = await ReceiveAsync(nodes, survivor.BaseUrl, "Received after a node died");
        await Assertions.Expect(page.Locator($"tr:has([data-response-id='{afterwards}'])")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await BrowserSession.WaitForInteractivityAsync(page);
        await BrowserSession.ScreenshotAsync(page, "multinode-02-messages-after-node-died");
    }

    private static async Task<string> ReceiveAsync(PortalNodes nodes, Uri node, string description)
    {
        using var client = new HttpClient { BaseAddress = node };
        using var request = new HttpRequestMessage(HttpMethod.Post, nodes.Inbound.Path)
        {
            Content = JsonContent.Create(new { number = "INC0010001", short_description = description }),
        };
        request.Headers.Authorization = nodes.Inbound.Authorization;
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        return answer.GetProperty("responseId").GetString() ?? throw new InvalidOperationException("no response id");
    }
}
