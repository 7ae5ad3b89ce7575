using System.Net;
using System.Net.Http.Json;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Events;

/// <summary>Only a key with <c>events:write</c> may post events; the sign-in cookie never does.</summary>
[Collection(EventsApiCollection.Name)]
public sealed class EventsApiAccessTests(EventsApiPortal portal)
{
    [Fact]
    public async Task NoKey_Is401_WithABearerChallenge()
    {
        using var client = portal.KeyClient(key: null);

        var response = await client.PostAsJsonAsync("/api/events", EventsApiPortal.Create(EventsApiPortal.NewEventId()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task UnknownKey_Is401()
    {
        var (response, _) = await portal.PostAsync(EventsApiPortal.Create(EventsApiPortal.NewEventId()), portal.WriterKey[..^4] + "AAAA");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task MonitorKey_Is403_AndStoresNothing()
    {
        var id = EventsApiPortal.NewEventId();

        var (response, _) = await portal.PostAsync(EventsApiPortal.Create(id), portal.MonitorKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await portal.MessagesOfEventAsync(id));
    }

    [Fact]
    public async Task SignedInAdminsCookie_IsNotEnough_401()
    {
        const string email = "events-admin@example.com", password = "events-admin-password";
        await portal.Host.Factory.CreateUserAsync(email, password, PortalRoles.Admin);
        using var browser = portal.Host.Factory.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FormPost.SignInAsync(browser, email, password)).StatusCode);
        var id = EventsApiPortal.NewEventId();

        var response = await browser.PostAsJsonAsync("/api/events", EventsApiPortal.Create(id));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await portal.MessagesOfEventAsync(id));
    }
}
