using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Web.Features.ApiKeys;
using SnConnectPortal.Web.Features.Events;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.ApiKeys;

/// <summary>
/// Over HTTP: a <c>monitor:read</c> key reaches exactly the monitoring endpoints, an <c>events:write</c> key only the events
/// API (its own tests post events), and a bad key is a 401 that is audited.
/// </summary>
public sealed partial class ApiKeyAccessTests(ApiKeyPortal portal) : IClassFixture<ApiKeyPortal>
{
    /// <summary>The monitoring endpoints; on a portal without connections, "authorized" shows as the service's own answer.</summary>
    public static TheoryData<string, string, HttpStatusCode> MonitoringEndpoints => new()
    {
        { "POST", "/api/connections/999/systems-check", HttpStatusCode.NotFound },
        { "GET", "/api/connections/999/systems-check", HttpStatusCode.OK },
        { "GET", "/api/connections/999/systems-check/1", HttpStatusCode.NotFound },
        { "GET", "/messages/export.csv", HttpStatusCode.OK },
        { "GET", "/health/details", HttpStatusCode.OK },
    };

    private static readonly HashSet<string> MonitoringRoutes =
    [
        "/api/connections/{connectionId:long}/systems-check",
        "/api/connections/{connectionId:long}/systems-check/{runId:long}",
        "/messages/export.csv",
        "/health/details",
    ];

    [Theory]
    [MemberData(nameof(MonitoringEndpoints))]
    public async Task MonitorKey_ReachesEachMonitoringEndpoint_WithoutCookieOrAntiforgeryToken(string method, string path, HttpStatusCode expected)
    {
        var key = await portal.CreateKeyAsync("monitor");
        using var client = portal.KeyClient(key.Key);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(expected, response.StatusCode);
        if (method == "POST")
        {
            Assert.Contains("That connection does not exist.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MonitorKey_HealthDetails_ListsEveryCheck()
    {
        var key = await portal.CreateKeyAsync("health");
        using var client = portal.KeyClient(key.Key);

        var body = await client.GetStringAsync("/health/details");

        Assert.Contains("\"status\":\"Healthy\"", body, StringComparison.Ordinal);
        Assert.Contains("\"checks\":[{\"name\":", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonitorKey_MayRunTheCheck_ButNotCreateATestIncident()
    {
        var key = await portal.CreateKeyAsync("no incidents");
        using var client = portal.KeyClient(key.Key);

        var response = await client.PostAsync("/api/connections/999/systems-check?createTestIncident=true", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("not create a test incident", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonitorKey_IsRefusedOnEveryOtherEndpointAndPage()
    {
        var key = await portal.CreateKeyAsync("everywhere else");

        var allowed = await AnswersElsewhereAsync(key, MonitoringRoutes);

        Assert.True(allowed.Count == 0, "A monitor:read key got through: " + string.Join(", ", allowed));
    }

    [Fact]
    public async Task EventsKey_IsRefusedEverywhereButTheEventsApi()
    {
        var key = await portal.CreateKeyAsync("events only", null, ApiKeyScopes.EventsWrite);

        var allowed = await AnswersElsewhereAsync(key, new HashSet<string> { EventsEndpoint.RoutePattern });

        Assert.True(allowed.Count == 0, "An events:write key got through: " + string.Join(", ", allowed));
    }

    /// <summary>Calls every endpoint and page that needs a signed-in caller, but the key's own, and lists the answers other than 401 and 403.</summary>
    private async Task<List<string>> AnswersElsewhereAsync(CreatedApiKey key, IReadOnlySet<string> ownRoutes)
    {
        using var client = portal.KeyClient(key.Key);
        var endpoints = portal.Portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => (Route: "/" + e.RoutePattern.RawText?.Trim('/'), Method: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET"))
            .Where(e => !ownRoutes.Contains(e.Route))
            .Distinct()
            .ToList();
        Assert.Contains(endpoints, e => e.Route == "/admin/api-keys");

        var answers = new List<string>();
        foreach (var (route, method) in endpoints)
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), RouteParameter().Replace(route, "1")));
            answers.Add($"{method} {route}: {(int)response.StatusCode}");
        }

        return answers.Where(a => !a.EndsWith(": 403", StringComparison.Ordinal) && !a.EndsWith(": 401", StringComparison.Ordinal)).ToList();
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("revoked")]
    [InlineData("expired")]
    public async Task BadKey_Is401_AndAudited_WithoutTheKey(string reason)
    {
        var created = await portal.CreateKeyAsync($"bad {reason}", expiresInDays: 30);
        var presented = reason == "unknown" ? created.Key[..^4] + "AAAA" : created.Key;
        if (reason == "revoked")
        {
            Assert.True((await portal.Administration.RevokeAsync(portal.Admin, created.Id, CancellationToken.None)).Succeeded);
        }
        else if (reason == "expired")
        {
            await portal.WithDbAsync(db => db.ApiKeys.Where(k => k.Id == created.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(k => k.ExpiresAt, DateTime.UtcNow.AddSeconds(-1))));
        }

        using var client = portal.KeyClient(presented);
        var response = await client.GetAsync("/health/details");
        var prefix = created.Key[..13];

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var entry = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "apikey.refused" && a.Details!.Contains($"\"reason\":\"{reason}\"") && a.Details.Contains(prefix))
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync());
        Assert.NotNull(entry);
        Assert.Contains("/health/details", entry.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(presented[14..], entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokedKey_UsedAgainAndAgain_Is401EachTime_ButAuditedOnceWithACount()
    {
        var created = await portal.CreateKeyAsync("hammered");
        Assert.True((await portal.Administration.RevokeAsync(portal.Admin, created.Id, CancellationToken.None)).Succeeded);
        using var client = portal.KeyClient(created.Key);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await client.GetAsync("/health/details")).StatusCode);
        }

        await portal.Portal.Services.GetRequiredService<ApiKeyRefusalAudit>().FlushAsync(includingOpen: true);
        var entries = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action.StartsWith("apikey.refused") && a.EntityId == created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(a => a.Id).Select(a => new { a.Action, a.Details }).ToListAsync());
        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Unauthorized, answer));
        Assert.Equal(["apikey.refused", "apikey.refused-again"], entries.Select(e => e.Action));
        Assert.Contains("\"repeated\":4", entries[1].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptedKey_RecordsItsLastUse_AtMostOnceAMinute()
    {
        var key = await portal.CreateKeyAsync("last used");
        using var client = portal.KeyClient(key.Key);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/details")).StatusCode);
        var first = await portal.WithDbAsync(db => db.ApiKeys.Where(k => k.Id == key.Id).Select(k => k.LastUsedAt).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/details")).StatusCode);
        var second = await portal.WithDbAsync(db => db.ApiKeys.Where(k => k.Id == key.Id).Select(k => k.LastUsedAt).SingleAsync());

        Assert.NotNull(first);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(PortalRoles.Admin, HttpStatusCode.OK)]
    [InlineData(PortalRoles.Operator, HttpStatusCode.OK)]
    [InlineData(PortalRoles.Viewer, HttpStatusCode.Redirect)]
    public async Task HealthDetails_WithTheCookie_IsForOperatorsAndAdmins(string role, HttpStatusCode expected)
    {
        var response = await portal.SignedIn[role].GetAsync("/health/details");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task HealthDetails_Anonymous_GoesToSignIn_WhileLiveAndReadyStayOpen()
    {
        using var client = portal.NewClient();

        var details = await client.GetAsync("/health/details");

        Assert.Equal(HttpStatusCode.Redirect, details.StatusCode);
        Assert.StartsWith("/account/login", Redirects.PathOf(details), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Key_NeverReachesTheLog_NorThePageAfterCreation()
    {
        var key = await portal.CreateKeyAsync("secret keeper");
        using (var client = portal.KeyClient(key.Key))
        {
            await client.GetAsync("/health/details");
            await client.GetAsync("/admin/api-keys");
            Assert.True((await portal.Administration.RevokeAsync(portal.Admin, key.Id, CancellationToken.None)).Succeeded);
            await client.GetAsync("/health/details");
        }

        var page = await portal.SignedIn[PortalRoles.Admin].GetStringAsync("/admin/api-keys");

        Assert.Contains(key.Key[..13], page, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Key, page, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Key[14..], portal.LogText, StringComparison.Ordinal);
        Assert.Contains("/health/details", portal.LogText, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
