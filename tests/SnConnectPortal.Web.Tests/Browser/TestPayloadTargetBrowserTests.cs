using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// A patched browser tells the portal's circuit that the page lives at another address (here: a listener standing for
/// an attacker's server). The test-payload button must still post to the portal's own receiver, never there: the
/// request carries the receiver's password.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TestPayloadTargetBrowserTests
{
    [Fact]
    public async Task TestPayload_FromACircuitThatReportsAnotherBaseAddress_GoesToThePortalItself()
    {
        await using var portal = await PortalProcess.StartAsync();
        using var attacker = ListenerWithPortLike(portal.BaseUrl.Port);
        var attackerPort = ((IPEndPoint)attacker.LocalEndpoint).Port;
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(portal.BaseUrl);
        await ReportBaseAddressAsAsync(page, portal.BaseUrl.Port, attackerPort);

        await page.GotoAsync("/");
        await page.FillAsync("#email", "ada@example.com");
        await page.FillAsync("#password", "ada-admin-password");
        await page.FillAsync("#confirmPassword", "ada-admin-password");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        MessageViewBrowserTests.AddConnection(portal, "Acme Production");
        await PortalNavigation.OpenFromMenuAsync(page, "Connections");
        await page.GetByTestId("connection-link").ClickAsync();
        await page.GetByTestId("generate-password").ClickAsync();
        await Assertions.Expect(page.GetByTestId("new-password")).ToBeVisibleAsync();
        // Proof that the circuit believes the page's address is the attacker's: the receiver URL shown is built from it.
        await Assertions.Expect(page.GetByTestId("receiver-url")).ToContainTextAsync($"127.0.0.1:{attackerPort}/api/inbound/");

        await page.GetByTestId("send-test-payload").ClickAsync();

        await Assertions.Expect(page.GetByTestId("test-payload-result")).ToContainTextAsync("202 Accepted · response id ");
        Assert.False(attacker.Pending(), "the portal connected to the address the browser reported");
    }

    /// <summary>A loopback listener whose port has as many digits as <paramref name="port"/>, so the rewrite keeps lengths.</summary>
    private static TcpListener ListenerWithPortLike(int port)
    {
        while (true)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            if (((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture).Length == port.ToString(CultureInfo.InvariantCulture).Length)
            {
                return listener;
            }

            listener.Stop();
            listener.Dispose();
        }
    }

    /// <summary>
    /// Rewrites every circuit frame the browser sends (start, navigation) so that the page's address reads as the
    /// attacker's; frames from the portal pass unchanged.
    /// </summary>
    private static Task ReportBaseAddressAsAsync(IPage page, int portalPort, int attackerPort)
    {
        var real = Encoding.ASCII.GetBytes($"127.0.0.1:{portalPort}");
        var fake = Encoding.ASCII.GetBytes($"127.0.0.1:{attackerPort}");
        return page.RouteWebSocketAsync(new System.Text.RegularExpressions.Regex("/_blazor"), route =>
        {
            var server = route.ConnectToServer();
            route.OnMessage(frame =>
            {
                if (frame.Binary is { } binary)
                {
                    server.Send(Replace(binary, real, fake));
                }
                else
                {
                    server.Send((frame.Text ?? "").Replace(Encoding.ASCII.GetString(real), Encoding.ASCII.GetString(fake), StringComparison.Ordinal));
                }
            });
            server.OnMessage(frame =>
            {
                if (frame.Binary is { } binary)
                {
                    route.Send(binary);
                }
                else
                {
                    route.Send(frame.Text ?? "");
                }
            });
        });
    }

    private static byte[] Replace(byte[] data, byte[] from, byte[] to)
    {
        var result = (byte[])data.Clone();
        for (var i = 0; i <= result.Length - from.Length; i++)
        {
            if (result.AsSpan(i, from.Length).SequenceEqual(from))
            {
                to.CopyTo(result, i);
            }
        }

        return result;
    }
}
