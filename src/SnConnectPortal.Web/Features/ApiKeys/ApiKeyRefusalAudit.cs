using System.Globalization;
using SnConnectPortal.Web.Auditing;

namespace SnConnectPortal.Web.Features.ApiKeys;

/// <summary>A refused API key: its record when the key is known (revoked or expired), and where the request came from.</summary>
public sealed record ApiKeyRefusal(long? KeyId, string? Name, string? Prefix, string Reason, string? Address, string Path)
{
    /// <summary>
    /// Whose refusals are counted together: a known key by its id; an unknown key by the caller's address, as the prefix
    /// of a made-up key is the caller's to vary.
    /// </summary>
    public string Source => KeyId is { } id ? $"{Reason} key {id}" : $"{Reason} from {Address}";
}

/// <summary>
/// Writes refused API keys to the audit log without letting a flood of them flood it: the first refusal from a source
/// is written at once, the further ones from that source within the next minute only counted, and the count written as
/// one "refused again" entry once the minute is over (<see cref="FlushAsync"/>, run by <see cref="ApiKeyRefusalAuditFlush"/>,
/// or the source's next refusal after the minute). Every refused request is still answered 401.
/// </summary>
public sealed class ApiKeyRefusalAudit(AuditLog auditLog, TimeProvider timeProvider)
{
    public const string AuditActor = "API key authentication";
    internal static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, RefusalWindow> _windows = new(StringComparer.Ordinal);

    public async Task RecordAsync(ApiKeyRefusal refusal)
    {
        var now = timeProvider.GetUtcNow();
        RefusalWindow? ended;
        lock (_windows)
        {
            if (_windows.TryGetValue(refusal.Source, out var window) && now - window.Start < Window)
            {
                window.Repeat(refusal, now);
                return;
            }

            ended = window;
            _windows[refusal.Source] = new RefusalWindow(now, refusal);
        }

        if (ended is { Repeated: > 0 })
        {
            await WriteRepeatedAsync(ended);
        }

        await auditLog.WriteAsync(AuditActor, "apikey.refused", "ApiKey", refusal.KeyId?.ToString(CultureInfo.InvariantCulture),
            new { name = refusal.Name, prefix = refusal.Prefix, reason = refusal.Reason, address = refusal.Address, path = refusal.Path },
            CancellationToken.None);
    }

    /// <summary>Writes the count of each source whose minute is over (or, when the portal stops, of every source) and forgets it.</summary>
    public async Task FlushAsync(bool includingOpen = false)
    {
        var now = timeProvider.GetUtcNow();
        List<RefusalWindow> ended;
        lock (_windows)
        {
            ended = [.. _windows.Values.Where(window => includingOpen || now - window.Start >= Window)];
            foreach (var window in ended)
            {
                _windows.Remove(window.Last.Source);
            }
        }

        foreach (var window in ended.Where(window => window.Repeated > 0))
        {
            await WriteRepeatedAsync(window);
        }
    }

    private Task WriteRepeatedAsync(RefusalWindow window)
    {
        var last = window.Last;
        return auditLog.WriteAsync(AuditActor, "apikey.refused-again", "ApiKey", last.KeyId?.ToString(CultureInfo.InvariantCulture),
            new { name = last.Name, prefix = last.Prefix, reason = last.Reason, address = last.Address, path = last.Path, repeated = window.Repeated, until = window.LastAt },
            CancellationToken.None);
    }

    private sealed class RefusalWindow(DateTimeOffset start, ApiKeyRefusal first)
    {
        public DateTimeOffset Start { get; } = start;

        public ApiKeyRefusal Last { get; private set; } = first;

        public DateTimeOffset LastAt { get; private set; } = start;

        public int Repeated { get; private set; }

        public void Repeat(ApiKeyRefusal refusal, DateTimeOffset at)
        {
            Repeated++;
            Last = refusal;
            LastAt = at;
        }
    }
}
