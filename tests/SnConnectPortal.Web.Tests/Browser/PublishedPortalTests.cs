using System.Net;
using Microsoft.Playwright;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>The portal deployed as users deploy it: the <c>dotnet publish</c> output, run in Production.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PublishedPortalTests
{
    [Fact]
    public async Task PublishedPortal_InProduction_ServesTheFrameworkScript_AndIsInteractive()
    {
        await using var portal = await PortalProcess.StartPublishedAsync();
        using var http = new HttpClient { BaseAddress = portal.BaseUrl };
        using var script = await http.GetAsync(new Uri("_framework/blazor.web.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 10_000, "blazor.web.js is empty");

        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(portal.BaseUrl);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        await page.GotoAsync("/");
        await page.FillAsync("#displayName", "Ada Admin");
        await page.FillAsync("#email", "ada@example.com");
        await page.FillAsync("#password", "ada-admin-password");
        await page.FillAsync("#confirmPassword", "ada-admin-password");
        await page.ClickAsync("button[type=submit]");
        await PortalNavigation.OpenFromMenuAsync(page, "Messages");
        await BrowserSession.ScreenshotAsync(page, "published-production-messages");

        Assert.Empty(errors);
    }
}
