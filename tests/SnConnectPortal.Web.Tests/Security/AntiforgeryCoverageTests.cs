using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Security;

/// <summary>Every endpoint of the running portal that changes state with the sign-in cookie requires the antiforgery token.</summary>
public sealed class AntiforgeryCoverageTests
{
    // Endpoints that may change state without the middleware's token check, and why.
    private static readonly Dictionary<string, string> Exempt = new(StringComparer.Ordinal)
    {
        ["/api/inbound/{connectionKey}"] = "ServiceNow's receiver: Basic auth, never the cookie",
        ["/api/events"] = "the events API: an events:write API key only, never the cookie (EventsApiAccessTests.SignedInAdminsCookie_IsNotEnough_401)",
        ["/account/logout"] = "validates the token in its handler (SignInTests.SignOut_WithoutAntiforgeryToken_IsRejected)",
        ["/_blazor/negotiate"] = "the circuit's SignalR handshake, which changes nothing by itself",
        ["/_blazor/disconnect"] = "ends the caller's own circuit",
    };

    [Fact]
    public void StateChangingEndpoints_RequireTheAntiforgeryToken()
    {
        using var portal = new PortalFactory();
        _ = portal.Server;
        var endpoints = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        var unprotected = endpoints
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE") == true)
            .Where(e => e.Metadata.GetMetadata<IAntiforgeryMetadata>() is not { RequiresValidation: true })
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
            .Where(route => !Exempt.ContainsKey(route))
            .Distinct()
            .ToList();

        Assert.True(unprotected.Count == 0, "Without the antiforgery check: " + string.Join(", ", unprotected));
    }
}
