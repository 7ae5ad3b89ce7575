using Microsoft.Extensions.Options;
using SnConnectPortal.Sandbox.Configuration;

namespace SnConnectPortal.Sandbox.Control;

/// <summary>The last requests served (oldest dropped past the capacity) and counters by status.</summary>
internal sealed class RequestLog(IOptions<SandboxOptions> options)
{
    private readonly Lock _sync = new();
    private readonly LinkedList<Entry> _entries = new();
    private readonly SortedDictionary<int, long> _byStatus = [];
    private long _requests;

    public sealed record Entry(string Method, string Path, string Query, int Status, string? User, DateTimeOffset At);

    public void Add(Entry entry)
    {
        lock (_sync)
        {
            _entries.AddLast(entry);
            if (_entries.Count > options.Value.RequestLogCapacity)
            {
                _entries.RemoveFirst();
            }

            _requests++;
            _byStatus[entry.Status] = _byStatus.GetValueOrDefault(entry.Status) + 1;
        }
    }

    public IReadOnlyList<Entry> Entries()
    {
        lock (_sync)
        {
            return [.. _entries];
        }
    }

    public (long Requests, IReadOnlyDictionary<string, long> ByStatus) Counters()
    {
        lock (_sync)
        {
            return (_requests, _byStatus.ToDictionary(
                s => s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), s => s.Value, StringComparer.Ordinal));
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _entries.Clear();
            _byStatus.Clear();
            _requests = 0;
        }
    }
}
