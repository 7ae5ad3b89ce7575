using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Alerts;
using SnConnectPortal.Web.Tests.Infrastructure;
using SnConnectPortal.Web.Tests.SystemsCheck;

namespace SnConnectPortal.Web.Tests.Alerts;

/// <summary>
/// An open alert lives in the database: a node that starts later on the same database neither repeats it nor forgets
/// it, and with two nodes evaluating, its end is still sent once.
/// </summary>
public sealed class AlertRestartTests(AlertsFixture fixture) : IClassFixture<AlertsFixture>
{
    [Fact]
    public async Task SecondNodeOnTheSameDatabase_NeitherRepeatsNorForgetsTheOpenAlert_AndItsEndIsSentOnce()
    {
        const string token = "restart-token";
        var added = await fixture.Portal.Services.GetRequiredService<AlertRecipients>().AddAsync(fixture.Admin,
            new AlertRecipientDraft { Channel = AlertChannel.Webhook, Address = new Uri(fixture.Webhooks.BaseUrl, $"hook/{token}").AbsoluteUri, Kinds = [AlertKind.PasswordExpiring] },
            CancellationToken.None);
        Assert.True(added.Succeeded, added.ErrorText);
        var id = await fixture.CreateConnectionAsync("Dated password", scheduledMinutes: null);
        await SetPasswordExpiryAsync(id, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)));
        await Poll.UntilAsync(() => Task.FromResult(fixture.Webhooks.Received(token).Count == 1), TimeSpan.FromSeconds(30), "the password expiry alert");

        var directory = Path.GetDirectoryName(fixture.Portal.DatabasePath)!;
        await using var secondNode = new PortalFactory(new Dictionary<string, string?>
        {
            ["Database:SqlitePath"] = fixture.Portal.DatabasePath,
            ["DataProtection:CertificatePath"] = Path.Combine(directory, "keyring-protection.pfx"),
            ["Connections:AllowedPrivateHosts:0"] = "127.0.0.1",
            ["Connections:AllowedInsecureHosts:0"] = "127.0.0.1",
            ["Alerts:EvaluateSeconds"] = "1",
        });
        _ = secondNode.Services; // started: its monitor evaluates every second beside the first node's
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Single(fixture.Webhooks.Received(token));

        await SetPasswordExpiryAsync(id, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(200)));
        await Poll.UntilAsync(() => Task.FromResult(fixture.Webhooks.Received(token).Count >= 2), TimeSpan.FromSeconds(30), "the resolution");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var hooks = fixture.Webhooks.Received(token);
        Assert.Equal(["opened", "resolved"], hooks.Select(h => h.GetProperty("state").GetString()));
        Assert.Contains("(the date an Admin entered)", hooks[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var db = await fixture.Db.CreateDbContextAsync();
        Assert.Single(await db.Alerts.Where(a => a.ConnectionId == id).ToListAsync());
    }

    private async Task SetPasswordExpiryAsync(long id, DateOnly expires)
    {
        await using var db = await fixture.Db.CreateDbContextAsync();
        await db.Connections.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.PasswordExpiresOn, expires));
    }
}
