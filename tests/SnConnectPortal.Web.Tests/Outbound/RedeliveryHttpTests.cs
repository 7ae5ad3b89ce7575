using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Inbound;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Outbound;

/// <summary>
/// Retry one and replay a filtered set over HTTP, as an operator's script would call them: who may, what bad
/// requests get, and that exactly the matching failed deliveries are queued again and audited. The worker polls only
/// once a minute here, so what the endpoints wrote stays put while the test reads it.
/// </summary>
public sealed class RedeliveryHttpTests : IAsyncLifetime
{
    private const string Password = "correct-horse-battery";
    private readonly PortalFactory _portal = new(new Dictionary<string, string?> { ["Outbound:PollIntervalMilliseconds"] = "60000" });
    private long _connectionId;
    private long _otherConnectionId;

    public async Task InitializeAsync()
    {
        await _portal.CreateUserAsync("ada@example.com", Password, PortalRoles.Admin);
        _connectionId = await InboundTestData.CreateConnectionAsync(_portal.Services, "Acme Production");
        _otherConnectionId = await InboundTestData.CreateConnectionAsync(_portal.Services, "Acme Test");
    }

    public Task DisposeAsync() => _portal.DisposeAsync().AsTask();

    [Fact]
    public async Task Anonymous_IsSentToSignIn_AndViewer_Gets403()
    {
        var failed = await AddAsync(_connectionId, MessageDirection.Outbound, MessageStatus.Failed);
        using var anonymous = _portal.CreateBrowserLikeClient();
        using var viewer = await SignedInAsync("vera@example.com", PortalRoles.Viewer);
        var token = await FormPost.AntiforgeryTokenFromAsync(viewer, "/messages");

        var anonymousRetry = await anonymous.PostAsync($"/api/messages/{failed}/retry", null);
        var viewerRetry = await PostAsync(viewer, $"/api/messages/{failed}/retry", token);
        var viewerReplay = await PostAsync(viewer, "/api/messages/replay", token);
        var viewerPage = await viewer.GetStringAsync("/messages");

        Assert.Equal(HttpStatusCode.Redirect, anonymousRetry.StatusCode);
        Assert.StartsWith("/account/login", Redirects.PathOf(anonymousRetry), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (viewerRetry.StatusCode, viewerReplay.StatusCode));
        Assert.Equal(MessageStatus.Failed, (await MessageAsync(failed)).Status);
        Assert.DoesNotContain("replay-messages", viewerPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_SeesTheReplayButton()
    {
        using var client = await SignedInAsync("otto@example.com", PortalRoles.Operator);

        var page = await client.GetStringAsync("/messages");

        Assert.Contains("data-testid=\"replay-messages\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_BadRequests_GetClearStatuses_AndChangeNothing()
    {
        var inbound = await AddAsync(_connectionId, MessageDirection.Inbound, MessageStatus.Received);
        var delivered = await AddAsync(_connectionId, MessageDirection.Outbound, MessageStatus.Delivered);
        var failed = await AddAsync(_connectionId, MessageDirection.Outbound, MessageStatus.Failed);
        using var client = await SignedInAsync("otto@example.com", PortalRoles.Operator);
        var token = await FormPost.AntiforgeryTokenFromAsync(client, "/messages");

        var unknown = await PostAsync(client, "/api/messages/987654/retry", token);
        var inboundRetry = await PostAsync(client, $"/api/messages/{inbound}/retry", token);
        var deliveredRetry = await PostAsync(client, $"/api/messages/{delivered}/retry", token);
        var noToken = await client.PostAsync($"/api/messages/{failed}/retry", null);
        var badStatus = await PostAsync(client, "/api/messages/replay?status=Exploded", token);
        var badConnection = await PostAsync(client, "/api/messages/replay?connection=abc", token);
        var inboundReplay = await PostAsync(client, "/api/messages/replay?direction=Inbound", token);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, inboundRetry.StatusCode);
        Assert.Contains("Inbound messages cannot be retried", await inboundRetry.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, deliveredRetry.StatusCode);
        Assert.Contains("this one is Delivered", await deliveredRetry.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (badStatus.StatusCode, badConnection.StatusCode));
        Assert.Contains("status is not a message status", await badStatus.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, inboundReplay.StatusCode);
        Assert.Equal(MessageStatus.Failed, (await MessageAsync(failed)).Status);
        Assert.Equal(MessageStatus.Received, (await MessageAsync(inbound)).Status);
    }

    [Fact]
    public async Task Operator_RetriesOne_ItIsQueuedWithItsAttemptsKept_AndAudited()
    {
        var failed = await AddAsync(_connectionId, MessageDirection.Outbound, MessageStatus.DeadLettered, attempts: 3);
        using var client = await SignedInAsync("otto@example.com", PortalRoles.Operator);
        var token = await FormPost.AntiforgeryTokenFromAsync(client, "/messages");

        var response = await PostAsync(client, $"/api/messages/{failed}/retry", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"requeued\":1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var message = await MessageAsync(failed);
        Assert.Equal((MessageStatus.Queued, 3), (message.Status, message.AttemptCount));
        Assert.NotNull(message.NextAttemptAt);
        await using var db = await DbAsync();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "message.retried");
        Assert.Equal(("otto@example.com", failed.ToString(System.Globalization.CultureInfo.InvariantCulture)), (audit.Actor, audit.EntityId));
        Assert.Contains("\"previousStatus\":\"DeadLettered\"", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_ReplaysAFilteredSet_ExactlyTheMatchingFailedOutboundMessagesAreQueued_AndTheCountIsAudited()
    {
        List<long> matching =
        [
            await AddAsync(_connectionId, MessageDirection.Outbound, MessageStatus.Failed),
            await AddAsync(_connectionId, MessageDirection.Outbound, MessageStatus.Failed),
            await AddAsync(_connectionId, MessageDirection.Outbound, MessageStatus.DeadLettered),
        ];
        List<long> untouched =
        [
            await AddAsync(_otherConnectionId, MessageDirection.Outbound, MessageStatus.Failed),
            await AddAsync(_connectionId, MessageDirection.Outbound, MessageStatus.Delivered),
            await AddAsync(_connectionId, MessageDirection.Outbound, MessageStatus.Retrying),
            await AddAsync(_connectionId, MessageDirection.Inbound, MessageStatus.Received),
        ];
        using var client = await SignedInAsync("otto@example.com", PortalRoles.Operator);
        var token = await FormPost.AntiforgeryTokenFromAsync(client, "/messages");

        var response = await PostAsync(client, $"/api/messages/replay?connection={_connectionId}", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"requeued\":3", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = await DbAsync();
        var statuses = await db.Messages.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Status);
        Assert.All(matching, id => Assert.Equal(MessageStatus.Queued, statuses[id]));
        Assert.Equal([MessageStatus.Failed, MessageStatus.Delivered, MessageStatus.Retrying, MessageStatus.Received], untouched.Select(id => statuses[id]));
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "messages.replayed");
        Assert.Equal("otto@example.com", audit.Actor);
        Assert.Contains("\"count\":3", audit.Details, StringComparison.Ordinal);
        Assert.Contains($"\"ConnectionId\":{_connectionId}", audit.Details, StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignedInAsync(string email, string role)
    {
        await _portal.CreateUserAsync(email, Password, role);
        var client = _portal.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FormPost.SignInAsync(client, email, Password)).StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    private async Task<long> AddAsync(long connectionId, MessageDirection direction, MessageStatus status, int attempts = 1)
    {
        await using var db = await DbAsync();
        var message = new Message
        {
            ReceivedAt = DateTime.UtcNow,
            ConnectionId = connectionId,
            Direction = direction,
            Status = status,
            TableName = "incident",
            CorrelationId = Guid.NewGuid().ToString("N"),
            ResponseId = Guid.NewGuid().ToString("N"),
            Headers = "{}",
            Payload = """{"short_description":"x"}""",
            AttemptCount = direction == MessageDirection.Outbound ? attempts : 0,
            NextAttemptAt = status == MessageStatus.Retrying ? DateTime.UtcNow.AddHours(1) : null,
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }

    private async Task<Message> MessageAsync(long id)
    {
        await using var db = await DbAsync();
        return await db.Messages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    private Task<PortalDbContext> DbAsync() => _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
}
