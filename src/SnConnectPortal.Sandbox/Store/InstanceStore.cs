using SnConnectPortal.Sandbox.Tables;

namespace SnConnectPortal.Sandbox.Store;

/// <summary>
/// The instance's data: every table, auto-number counters and attachment contents, behind one reader/writer
/// lock. Callers do all their work inside <see cref="Read{T}"/> or <see cref="Write{T}"/> synchronously.
/// </summary>
internal sealed class InstanceStore : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.SupportsRecursion);
    private readonly Dictionary<string, SnTable> _tables;
    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _contents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _extraIds = new(StringComparer.Ordinal);
    private IStoreJournal? _journal;

    public InstanceStore()
    {
        _tables = TableCatalog.All.ToDictionary(t => t.Name, t => new SnTable(t), StringComparer.Ordinal);
    }

    public sealed record Snapshot(
        IReadOnlyDictionary<string, IReadOnlyList<SnRecord>> Tables,
        IReadOnlyDictionary<string, long> Counters,
        IReadOnlyDictionary<string, byte[]> Contents);

    public void AttachJournal(IStoreJournal journal) => _journal = journal;

    public T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public T Write<T>(Func<T> write)
    {
        _lock.EnterWriteLock();
        try
        {
            return write();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Write(Action write) => Write(() =>
    {
        write();
        return true;
    });

    public SnTable Table(string name) => _tables[name];

    /// <summary>Changes with any change to any table (cached query results that dot-walk depend on several tables).</summary>
    public long Version => _tables.Values.Sum(t => t.Version);

    public SnRecord? Find(string table, string sysId) =>
        _tables.TryGetValue(table, out var t) ? t.Find(sysId) : null;

    public void Insert(string table, SnRecord record, bool extra = false)
    {
        _tables[table].Insert(record);
        if (extra)
        {
            ExtraIdsOf(table).Add(record.SysId);
        }

        _journal?.Upsert(table, record);
    }

    public void Replace(string table, SnRecord record)
    {
        _tables[table].Replace(record);
        _journal?.Upsert(table, record);
    }

    public bool Delete(string table, string sysId)
    {
        if (!_tables[table].Delete(sysId))
        {
            return false;
        }

        ExtraIdsOf(table).Remove(sysId);
        _journal?.Delete(table, sysId);
        return true;
    }

    /// <summary>Next value of an auto-number counter (INC, PRB, ISET, ...), starting after <paramref name="start"/>.</summary>
    public long NextNumber(string counter, long start)
    {
        var next = (_counters.TryGetValue(counter, out var current) ? current : start) + 1;
        _counters[counter] = next;
        _journal?.SetCounter(counter, next);
        return next;
    }

    public byte[]? Content(string attachmentSysId) => _contents.GetValueOrDefault(attachmentSysId);

    public void PutContent(string attachmentSysId, byte[] content)
    {
        _contents[attachmentSysId] = content;
        _journal?.PutContent(attachmentSysId, content);
    }

    public void DeleteContent(string attachmentSysId)
    {
        _contents.Remove(attachmentSysId);
        _journal?.DeleteContent(attachmentSysId);
    }

    /// <summary>Removes the Bogus records of a table (the fixed seed and records created through the API stay).</summary>
    public void RemoveExtras(string table)
    {
        var ids = ExtraIdsOf(table);
        if (ids.Count > 0)
        {
            _tables[table].RemoveWhere(r => ids.Contains(r.SysId));
            ids.Clear();
        }
    }

    /// <summary>Empties everything without journaling; the caller re-seeds and then calls <see cref="Checkpoint"/>.</summary>
    public void Clear()
    {
        foreach (var table in _tables.Values)
        {
            table.Clear();
        }

        _counters.Clear();
        _contents.Clear();
        foreach (var ids in _extraIds.Values)
        {
            ids.Clear();
        }
    }

    public Snapshot TakeSnapshot() => new(
        _tables.ToDictionary(t => t.Key, t => (IReadOnlyList<SnRecord>)[.. t.Value.Rows], StringComparer.Ordinal),
        new Dictionary<string, long>(_counters, StringComparer.Ordinal),
        new Dictionary<string, byte[]>(_contents, StringComparer.Ordinal));

    /// <summary>Loads a persisted state (at start, from SQLite) without journaling it back.</summary>
    public void Load(Snapshot snapshot)
    {
        Clear();
        foreach (var (table, rows) in snapshot.Tables)
        {
            if (_tables.TryGetValue(table, out var t))
            {
                foreach (var row in rows)
                {
                    t.Insert(row);
                }
            }
        }

        foreach (var (name, value) in snapshot.Counters)
        {
            _counters[name] = value;
        }

        foreach (var (id, content) in snapshot.Contents)
        {
            _contents[id] = content;
        }
    }

    /// <summary>Writes the whole state to the journal (after a bulk change made without journaling).</summary>
    public void Checkpoint() => _journal?.ReplaceAll(TakeSnapshot());

    /// <summary>Suspends the journal for a bulk change; <see cref="Checkpoint"/> afterwards.</summary>
    public IDisposable SuspendJournal()
    {
        var journal = _journal;
        _journal = null;
        return new JournalRestorer(this, journal);
    }

    public void Dispose() => _lock.Dispose();

    private HashSet<string> ExtraIdsOf(string table)
    {
        if (!_extraIds.TryGetValue(table, out var ids))
        {
            ids = new HashSet<string>(StringComparer.Ordinal);
            _extraIds[table] = ids;
        }

        return ids;
    }

    private sealed class JournalRestorer(InstanceStore store, IStoreJournal? journal) : IDisposable
    {
        public void Dispose() => store._journal = journal;
    }
}
