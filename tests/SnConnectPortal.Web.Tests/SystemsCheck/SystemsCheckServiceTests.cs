using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Connections;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Features.SystemsCheck;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.SystemsCheck;

/// <summary>Stored history, the connection's status, roles, secrets kept out, and the server endpoint for monitoring.</summary>
public sealed class SystemsCheckServiceTests(SystemsCheckFixture fixture) : IClassFixture<SystemsCheckFixture>
{
    private const string UserPassword = "a-long-portal-password";

    [Fact]
    public async Task PassingRun_IsStoredWithItsSteps_AndMakesAnUnverifiedConnectionVerified()
    {
        await fixture.Sandbox.ResetAsync();
        var id = await CreateConnectionAsync("Passing", SystemsCheckFixture.IntegrationPassword, ConnectionStatus.Unverified);
        var streamed = new List<CheckStepResult>();

        var result = await Service.RunAsync(TestPrincipal.Of("operator@example.com", PortalRoles.Operator), id, createTestIncident: false,
            SystemsCheckTriggers.Portal, step => { streamed.Add(step); return Task.CompletedTask; }, CancellationToken.None);

        var report = Assert.IsType<SystemsCheckReport>(result.Value);
        Assert.NotEqual(RunOutcome.Failed, report.Outcome);
        Assert.Equal(report.Steps.Select(s => s.Key), streamed.Select(s => s.Key));
        Assert.Equal(ConnectionStatus.Verified, report.ConnectionStatus);
        await using var db = await Db.CreateDbContextAsync();
        var run = await db.SystemsCheckRuns.Include(r => r.Steps).SingleAsync(r => r.Id == report.RunId);
        Assert.Equal("operator@example.com", run.StartedBy);
        Assert.Equal(report.Outcome, run.Outcome);
        Assert.NotNull(run.FinishedAt);
        Assert.Equal(report.Steps.Count, run.Steps.Count);
        var connection = await db.Connections.SingleAsync(c => c.Id == id);
        Assert.Equal(ConnectionStatus.Verified, connection.Status);
        Assert.True(connection.LastCheckSucceeded);
        Assert.Equal(report.Summary, connection.LastCheckSummary);
    }

    [Fact]
    public async Task FailingRun_MakesAVerifiedConnectionFailing_AndNeverStoresTheSecret()
    {
        await fixture.Sandbox.ResetAsync();
        const string wrongPassword = "wrong-password-1234";
        var id = await CreateConnectionAsync("Failing", wrongPassword, ConnectionStatus.Verified);

        var result = await Service.RunAsync(TestPrincipal.Of("admin@example.com", PortalRoles.Admin), id, false, SystemsCheckTriggers.Portal, null, CancellationToken.None);

        Assert.Equal(RunOutcome.Failed, result.Value!.Outcome);
        Assert.Equal(ConnectionStatus.Failing, result.Value.ConnectionStatus);
        Assert.StartsWith("Failed: Sign-in.", result.Value.Summary, StringComparison.Ordinal);
        await using var db = await Db.CreateDbContextAsync();
        var texts = await db.SystemsCheckRunSteps.Select(s => s.Seen + " " + s.Remedy).ToListAsync();
        Assert.DoesNotContain(texts, t => t.Contains(wrongPassword, StringComparison.Ordinal));
        var history = await Service.HistoryAsync(TestPrincipal.Of("viewer@example.com", PortalRoles.Viewer), id, 10, CancellationToken.None);
        Assert.Equal(result.Value.RunId, Assert.Single(history).RunId);
    }

    [Fact]
    public async Task Viewer_CannotRunTheCheck()
    {
        var id = await CreateConnectionAsync("ViewerTry", SystemsCheckFixture.IntegrationPassword, ConnectionStatus.Unverified);

        var result = await Service.RunAsync(TestPrincipal.Of("viewer@example.com", PortalRoles.Viewer), id, false, SystemsCheckTriggers.Portal, null, CancellationToken.None);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
        Assert.Contains("Admin or an Operator", result.ErrorText, StringComparison.Ordinal);
        await using var db = await Db.CreateDbContextAsync();
        Assert.False(await db.SystemsCheckRuns.AnyAsync(r => r.ConnectionId == id));
    }

    [Fact]
    public async Task ServerEndpoint_RunsTheCheckForAnOperator_AndRefusesAViewer()
    {
        await fixture.Sandbox.ResetAsync();
        var id = await CreateConnectionAsync("Monitored", SystemsCheckFixture.IntegrationPassword, ConnectionStatus.Unverified);
        var operatorClient = await SignedInAsync(PortalRoles.Operator);
        var viewerClient = await SignedInAsync(PortalRoles.Viewer);

        using var run = await PostCheckAsync(operatorClient, id, await TokenAsync(operatorClient));
        using var refused = await PostCheckAsync(viewerClient, id, await TokenAsync(viewerClient));
        using var refusedHistory = await viewerClient.GetAsync(new Uri($"/api/connections/{id}/systems-check", UriKind.Relative));
        using var missing = await PostCheckAsync(operatorClient, 999999, await TokenAsync(operatorClient));
        var history = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/connections/{id}/systems-check");

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var report = await run.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Api", report.GetProperty("trigger").GetString());
        Assert.Contains(report.GetProperty("outcome").GetString(), new[] { "Passed", "PassedWithWarnings" });
        Assert.Equal("auth", report.GetProperty("steps")[3].GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedHistory.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(report.GetProperty("runId").GetInt64(), Assert.Single(history.EnumerateArray()).GetProperty("runId").GetInt64());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-page-token")]
    public async Task ServerEndpoint_WithoutAValidAntiforgeryToken_Is400_AndNeitherRunsNorChangesTheStatus(string? token)
    {
        var id = await CreateConnectionAsync("CrossSite", SystemsCheckFixture.IntegrationPassword, ConnectionStatus.Unverified);
        var operatorClient = await SignedInAsync(PortalRoles.Operator);

        using var response = await PostCheckAsync(operatorClient, id, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = await Db.CreateDbContextAsync();
        Assert.False(await db.SystemsCheckRuns.AnyAsync(r => r.ConnectionId == id));
        Assert.Equal(ConnectionStatus.Unverified, (await db.Connections.SingleAsync(c => c.Id == id)).Status);
    }

    private static Task<string> TokenAsync(HttpClient client) => FormPost.AntiforgeryTokenFromAsync(client, "/messages");

    private static async Task<HttpResponseMessage> PostCheckAsync(HttpClient client, long connectionId, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/connections/{connectionId}/systems-check", UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        return await client.SendAsync(request);
    }

    private SystemsCheckService Service => fixture.Portal.Services.GetRequiredService<SystemsCheckService>();

    private IDbContextFactory<PortalDbContext> Db => fixture.Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();


    private async Task<HttpClient> SignedInAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        await fixture.Portal.CreateUserAsync(email, UserPassword, role);
        var client = fixture.Portal.CreateBrowserLikeClient();
        var signIn = await FormPost.SignInAsync(client, email, UserPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    private async Task<long> CreateConnectionAsync(string name, string password, ConnectionStatus status)
    {
        var unique = $"{name}-{Guid.NewGuid():N}";
        await using var db = await Db.CreateDbContextAsync();
        var connection = new Connection
        {
            Name = unique,
            NormalizedName = unique.ToUpperInvariant(),
            InstanceUrl = fixture.Sandbox.BaseUrl.AbsoluteUri,
            TimeZone = "Europe/Amsterdam",
            Environment = "Test",
            AuthMode = "Basic",
            UserName = SystemsCheckFixture.IntegrationUser,
            Tables = "incident",
            OutboundRateLimit = 60,
            OutboundRateLimitPeriod = RateLimitPeriod.Minute,
            Status = status,
            CreatedBy = "test",
            UpdatedBy = "test",
        };
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
        var protector = fixture.Portal.Services.GetRequiredService<ConnectionSecretProtector>();
        db.ConnectionSecrets.Add(new ConnectionSecret
        {
            ConnectionId = connection.Id,
            Kind = SecretKind.Password,
            ProtectedValue = protector.Protect(connection.Id, SecretKind.Password, password),
            SetBy = "test",
        });
        await db.SaveChangesAsync();
        return connection.Id;
    }
}
