using SnConnectPortal.Sandbox.Tables;

namespace SnConnectPortal.Sandbox.Store;

/// <summary>A table's rows in insertion order, indexed by sys_id. Not thread-safe: the store's lock guards it.</summary>
internal sealed class SnTable(TableSchema schema)
{
    private readonly List<SnRecord> _rows = [];
    private readonly Dictionary<string, int> _positionById = new(StringComparer.Ordinal);
    private bool _positionsStale;

    public TableSchema Schema => schema;

    /// <summary>Bumped on every change, so derived views (e.g. ACL-hidden sets) know when to rebuild.</summary>
    public long Version { get; private set; }

    public IReadOnlyList<SnRecord> Rows => _rows;

    public int Count => _rows.Count;

    public SnRecord? Find(string sysId)
    {
        RefreshPositions();
        return _positionById.TryGetValue(sysId, out var position) ? _rows[position] : null;
    }

    public void Insert(SnRecord record)
    {
        RefreshPositions();
        _positionById.Add(record.SysId, _rows.Count);
        _rows.Add(record);
        Version++;
    }

    public void Replace(SnRecord record)
    {
        RefreshPositions();
        _rows[_positionById[record.SysId]] = record;
        Version++;
    }

    public bool Delete(string sysId)
    {
        RefreshPositions();
        if (!_positionById.Remove(sysId, out var position))
        {
            return false;
        }

        _rows.RemoveAt(position);
        _positionsStale = true;
        Version++;
        return true;
    }

    public void RemoveWhere(Func<SnRecord, bool> predicate)
    {
        if (_rows.RemoveAll(r => predicate(r)) > 0)
        {
            _positionsStale = true;
            Version++;
        }
    }

    public void Clear()
    {
        _rows.Clear();
        _positionById.Clear();
        _positionsStale = false;
        Version++;
    }

    private void RefreshPositions()
    {
        if (!_positionsStale)
        {
            return;
        }

        _positionById.Clear();
        for (var i = 0; i < _rows.Count; i++)
        {
            _positionById[_rows[i].SysId] = i;
        }

        _positionsStale = false;
    }
}
