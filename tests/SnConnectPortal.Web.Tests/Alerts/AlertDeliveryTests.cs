using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Alerts;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;
using SnConnectPortal.Web.Tests.SystemsCheck;

namespace SnConnectPortal.Web.Tests.Alerts;

/// <summary>The test button's report per recipient, the destination guard on webhooks, and a dead-letter alert through the real monitor.</summary>
public sealed class AlertDeliveryTests(AlertsFixture fixture) : IClassFixture<AlertsFixture>
{
    [Fact]
    public async Task SendTest_ReachesEmailAndWebhook_AndSaysWhyEachFailedOneFailed()
    {
        const string token = "test-button-token";
        await AddAsync(AlertChannel.Email, "test-button@example.com");
        await AddAsync(AlertChannel.Webhook, new Uri(fixture.Webhooks.BaseUrl, $"hook/{token}").AbsoluteUri);
        await AddAsync(AlertChannel.Webhook, new Uri(fixture.Webhooks.BaseUrl, "broken").AbsoluteUri);
        await AddAsync(AlertChannel.Webhook, "https://192.168.77.1/hook");

        var result = await Dispatcher.SendTestAsync(fixture.Admin, CancellationToken.None);

        var deliveries = Assert.IsAssignableFrom<IReadOnlyList<AlertDelivery>>(result.Value);
        Assert.True(deliveries.Single(d => d.Address == "test-button@example.com").Sent);
        Assert.Contains(deliveries, d => d.Error == "The webhook answered 500 Internal Server Error.");
        Assert.Contains(deliveries, d => d.Address == "https://192.168.77.1/…" && d.Error!.Contains("private address", StringComparison.Ordinal));
        var email = Assert.Single(fixture.Smtp.Messages(), m => m.To.Mailboxes.Any(a => a.Address == "test-button@example.com"));
        Assert.Equal("[SnConnectPortal] Test alert", email.Subject);
        var hook = Assert.Single(fixture.Webhooks.Received(token));
        Assert.Equal("test", hook.GetProperty("state").GetString());
        Assert.StartsWith("[SnConnectPortal] Test alert. ", hook.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendTest_ByAnOperator_IsRefused()
    {
        var result = await Dispatcher.SendTestAsync(TestPrincipal.Of("op@example.com", PortalRoles.Operator), CancellationToken.None);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
    }

    [Fact]
    public async Task DeadLetter_AlertsOnce_AndResolvesOnceWhenRetried()
    {
        const string token = "dead-letter-token";
        await AddAsync(AlertChannel.Webhook, new Uri(fixture.Webhooks.BaseUrl, $"hook/{token}").AbsoluteUri, AlertKind.DeadLetters);
        var connectionId = await fixture.CreateConnectionAsync("DeadLetters", scheduledMinutes: null);
        long messageId;
        await using (var db = await fixture.Db.CreateDbContextAsync())
        {
            var message = new Message
            {
                ReceivedAt = DateTime.UtcNow.AddMinutes(-5),
                ConnectionId = connectionId,
                Direction = MessageDirection.Outbound,
                Status = MessageStatus.DeadLettered,
                ResponseId = Guid.NewGuid().ToString("N"),
                Headers = "{}",
                Payload = "{}",
                LastError = "400 Bad Request",
            };
            db.Messages.Add(message);
            await db.SaveChangesAsync();
            messageId = message.Id;
        }

        await Poll.UntilAsync(() => Task.FromResult(fixture.Webhooks.Received(token).Count == 1), TimeSpan.FromSeconds(30), "the dead-letter alert");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(fixture.Webhooks.Received(token));
        await using (var db = await fixture.Db.CreateDbContextAsync())
        {
            await db.Messages.Where(m => m.Id == messageId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Delivered));
        }

        await Poll.UntilAsync(() => Task.FromResult(fixture.Webhooks.Received(token).Count == 2), TimeSpan.FromSeconds(30), "the dead-letter resolution");
        var hooks = fixture.Webhooks.Received(token);
        Assert.Equal(["opened", "resolved"], hooks.Select(h => h.GetProperty("state").GetString()));
        Assert.All(hooks, h => Assert.Equal("DeadLetters", h.GetProperty("kind").GetString()));
    }

    private AlertDispatcher Dispatcher => fixture.Portal.Services.GetRequiredService<AlertDispatcher>();

    private async Task AddAsync(AlertChannel channel, string address, params AlertKind[] kinds)
    {
        var draft = new AlertRecipientDraft { Channel = channel, Address = address };
        if (kinds.Length > 0)
        {
            draft.Kinds = [.. kinds];
        }

        var added = await fixture.Portal.Services.GetRequiredService<AlertRecipients>().AddAsync(fixture.Admin, draft, CancellationToken.None);
        Assert.True(added.Succeeded, added.ErrorText);
    }
}
