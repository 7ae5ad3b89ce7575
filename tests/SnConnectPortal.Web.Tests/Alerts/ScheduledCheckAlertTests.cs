using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Alerts;
using SnConnectPortal.Web.Features.SystemsCheck;
using SnConnectPortal.Web.Tests.SystemsCheck;

namespace SnConnectPortal.Web.Tests.Alerts;

/// <summary>
/// The "done when": a password changed on the sandbox makes the scheduled check fail and exactly one email and
/// one webhook arrive; changing it back sends exactly one recovery each, however many checks run in between.
/// </summary>
public sealed class ScheduledCheckAlertTests(AlertsFixture fixture) : IClassFixture<AlertsFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task PasswordChangedOnTheSandbox_AlertsOnceByEmailAndWebhook_AndRecoveryOnceWhenChangedBack()
    {
        const string token = "failing-and-recovery-token";
        var id = await fixture.CreateConnectionAsync("Scheduled", scheduledMinutes: 5);
        var recipients = fixture.Portal.Services.GetRequiredService<AlertRecipients>();
        Assert.True((await recipients.AddAsync(fixture.Admin, new AlertRecipientDraft { Channel = AlertChannel.Email, Address = "oncall@example.com", Kinds = [AlertKind.ConnectionFailing] }, default)).Succeeded);
        Assert.True((await recipients.AddAsync(fixture.Admin, new AlertRecipientDraft { Channel = AlertChannel.Webhook, Address = new Uri(fixture.Webhooks.BaseUrl, $"hook/{token}").AbsoluteUri, Kinds = [AlertKind.ConnectionFailing] }, default)).Succeeded);

        // The schedule runs the first check by itself: it passes, as the dashboard's card shows.
        await Poll.UntilAsync(async () => (await ConnectionAsync(id)).LastCheckSucceeded == true, Deadline, "the first scheduled check to pass");
        await using (var db = await fixture.Db.CreateDbContextAsync())
        {
            var run = await db.SystemsCheckRuns.SingleAsync(r => r.ConnectionId == id);
            Assert.Equal(SystemsCheckTriggers.Schedule, run.Trigger);
            Assert.Equal(ScheduledSystemsChecks.ActorName, run.StartedBy);
        }

        // The password is rotated on the instance; five minutes pass (the last check is made five minutes old).
        await SetSandboxPasswordAsync("rotated-password-123");
        await ElapseScheduleAsync(id);
        await Poll.UntilAsync(() => Task.FromResult(Emails().Count == 1 && fixture.Webhooks.Received(token).Count == 1), Deadline, "one alert email and one webhook");
        Assert.Equal(ConnectionStatus.Failing, (await ConnectionAsync(id)).Status);

        // Still failing at the next scheduled check: no second notice.
        var runs = await RunCountAsync(id);
        await ElapseScheduleAsync(id);
        await Poll.UntilAsync(async () => await RunCountAsync(id) > runs && (await ConnectionAsync(id)).LastCheckSucceeded == false, Deadline, "another failing check");
        await Task.Delay(TimeSpan.FromSeconds(3)); // three more evaluations
        Assert.Single(Emails());
        Assert.Single(fixture.Webhooks.Received(token));

        // Fixed: the next scheduled check passes and one recovery goes out on each channel.
        await SetSandboxPasswordAsync(AlertsFixture.IntegrationPassword);
        await ElapseScheduleAsync(id);
        await Poll.UntilAsync(() => Task.FromResult(Emails().Count == 2 && fixture.Webhooks.Received(token).Count == 2), Deadline, "one recovery email and one webhook");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var emails = Emails();
        Assert.Equal(2, emails.Count);
        Assert.StartsWith("[SnConnectPortal] ALERT ", emails[0].Subject, StringComparison.Ordinal);
        Assert.EndsWith(": Connection failing", emails[0].Subject, StringComparison.Ordinal);
        Assert.Contains("failed", emails[0].TextBody, StringComparison.Ordinal);
        Assert.Equal("oncall@example.com", emails[0].To.Mailboxes.Single().Address);
        Assert.StartsWith("[SnConnectPortal] RESOLVED ", emails[1].Subject, StringComparison.Ordinal);
        var hooks = fixture.Webhooks.Received(token);
        Assert.Equal(2, hooks.Count);
        Assert.Equal("opened", hooks[0].GetProperty("state").GetString());
        Assert.Equal("ConnectionFailing", hooks[0].GetProperty("kind").GetString());
        Assert.Equal(id, hooks[0].GetProperty("connection").GetProperty("id").GetInt64());
        Assert.StartsWith("[SnConnectPortal] ALERT ", hooks[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("resolved", hooks[1].GetProperty("state").GetString());
        Assert.Equal(hooks[0].GetProperty("alertId").GetInt64(), hooks[1].GetProperty("alertId").GetInt64());
        await using var check = await fixture.Db.CreateDbContextAsync();
        var alert = await check.Alerts.SingleAsync(a => a.ConnectionId == id);
        Assert.NotNull(alert.ResolvedAt);
        Assert.Equal(ConnectionStatus.Verified, (await ConnectionAsync(id)).Status);
    }

    private IReadOnlyList<MimeKit.MimeMessage> Emails() => fixture.Smtp.Messages();

    private async Task<Connection> ConnectionAsync(long id)
    {
        await using var db = await fixture.Db.CreateDbContextAsync();
        return await db.Connections.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    private async Task<int> RunCountAsync(long id)
    {
        await using var db = await fixture.Db.CreateDbContextAsync();
        return await db.SystemsCheckRuns.CountAsync(r => r.ConnectionId == id && r.FinishedAt != null);
    }

    /// <summary>Time passes for the schedule: the last check becomes as old as the connection's interval.</summary>
    private async Task ElapseScheduleAsync(long id)
    {
        await using var db = await fixture.Db.CreateDbContextAsync();
        var longAgo = DateTime.UtcNow.AddMinutes(-6);
        await db.Connections.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastCheckAt, longAgo));
    }

    /// <summary>Changes the integration user's password on the sandbox, as its admin would in ServiceNow.</summary>
    private async Task SetSandboxPasswordAsync(string password)
    {
        using var client = new HttpClient { BaseAddress = fixture.Sandbox.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:admin")));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var users = await client.GetFromJsonAsync<JsonElement>($"api/now/table/sys_user?sysparm_query=user_name={AlertsFixture.IntegrationUser}&sysparm_fields=sys_id");
        var sysId = users.GetProperty("result")[0].GetProperty("sys_id").GetString();
        using var response = await client.PatchAsJsonAsync($"api/now/table/sys_user/{sysId}", new Dictionary<string, string> { ["user_password"] = password });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
