using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Auditing;
using SnConnectPortal.Web.Features.ApiKeys;

namespace SnConnectPortal.Web.Tests.ApiKeys;

/// <summary>The throttle on refused-key audit entries, on the portal's real audit log, with a clock the test moves.</summary>
public sealed class ApiKeyRefusalAuditTests(ApiKeyPortal portal) : IClassFixture<ApiKeyPortal>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task UnknownKeys_FromOneAddress_AreCountedTogether_HoweverTheirPrefixesVary()
    {
        var audit = NewAudit();

        for (var i = 0; i < 3; i++)
        {
            await audit.RecordAsync(Unknown($"snc_made{i:D5}", "203.0.113.10"));
        }

        await audit.RecordAsync(Unknown("snc_madeother", "203.0.113.11"));
        _time.Advance(ApiKeyRefusalAudit.Window);
        await audit.FlushAsync();

        var entries = await EntriesAsync("203.0.113.1");
        Assert.Equal(
            [("apikey.refused", "203.0.113.10"), ("apikey.refused", "203.0.113.11"), ("apikey.refused-again", "203.0.113.10")],
            entries.Select(e => (e.Action, e.Details!.Contains("203.0.113.10", StringComparison.Ordinal) ? "203.0.113.10" : "203.0.113.11")));
        Assert.Contains("\"repeated\":2", entries[2].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusalAfterTheMinute_WritesTheCountAndANewEntry_AndTheFlushBeforeTheMinuteWritesNothing()
    {
        var audit = NewAudit();
        await audit.RecordAsync(Unknown("snc_minute001", "198.51.100.20"));
        await audit.RecordAsync(Unknown("snc_minute002", "198.51.100.20"));

        _time.Advance(TimeSpan.FromSeconds(59));
        await audit.FlushAsync();
        var beforeTheMinute = await EntriesAsync("198.51.100.20");
        _time.Advance(TimeSpan.FromSeconds(1));
        await audit.RecordAsync(Unknown("snc_minute003", "198.51.100.20"));

        Assert.Equal(["apikey.refused"], beforeTheMinute.Select(e => e.Action));
        Assert.Equal(["apikey.refused", "apikey.refused-again", "apikey.refused"], (await EntriesAsync("198.51.100.20")).Select(e => e.Action));
    }

    private ApiKeyRefusalAudit NewAudit() => new(portal.Portal.Services.GetRequiredService<AuditLog>(), _time);

    private static ApiKeyRefusal Unknown(string prefix, string address) => new(null, null, prefix, "unknown", address, "/health/details");

    private Task<List<AuditEntry>> EntriesAsync(string address) => portal.WithDbAsync(db => db.AuditEntries.AsNoTracking()
        .Where(a => a.Action.StartsWith("apikey.refused") && a.Details!.Contains(address)).OrderBy(a => a.Id).ToListAsync());
}
