using System.Text.Json;
using Microsoft.Data.Sqlite;
using SnConnectPortal.Sandbox.Store;

namespace SnConnectPortal.Sandbox.Persistence;

/// <summary>
/// The optional SQLite file (<c>Sandbox:StorePath</c>): loaded once at start, then written through on every change.
/// Called inside the store's write lock, so one connection serves it.
/// </summary>
internal sealed class SqliteJournal : IStoreJournal, IDisposable
{
    private SqliteConnection? _connection;
    private long _sequence;

    public void Open(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS records (table_name TEXT NOT NULL, sys_id TEXT NOT NULL, seq INTEGER NOT NULL,
                json TEXT NOT NULL, PRIMARY KEY (table_name, sys_id));
            CREATE TABLE IF NOT EXISTS contents (sys_id TEXT PRIMARY KEY, bytes BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
            """);
    }

    /// <summary>The persisted state, or null when the file holds none yet.</summary>
    public InstanceStore.Snapshot? Load()
    {
        var connection = Connection;
        var tables = new Dictionary<string, List<SnRecord>>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT table_name, json, seq FROM records ORDER BY seq";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var values = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(1))!;
                if (!tables.TryGetValue(reader.GetString(0), out var rows))
                {
                    rows = [];
                    tables[reader.GetString(0)] = rows;
                }

                rows.Add(new SnRecord(new Dictionary<string, string>(values, StringComparer.Ordinal)));
                _sequence = Math.Max(_sequence, reader.GetInt64(2));
            }
        }

        if (tables.Count == 0)
        {
            return null;
        }

        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name, value FROM counters";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                counters[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT sys_id, bytes FROM contents";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                contents[reader.GetString(0)] = (byte[])reader["bytes"];
            }
        }

        return new InstanceStore.Snapshot(
            tables.ToDictionary(t => t.Key, t => (IReadOnlyList<SnRecord>)t.Value, StringComparer.Ordinal), counters, contents);
    }

    public void Upsert(string table, SnRecord record) => Execute(
        "INSERT INTO records (table_name, sys_id, seq, json) VALUES ($t, $id, $seq, $json) " +
        "ON CONFLICT (table_name, sys_id) DO UPDATE SET json = excluded.json",
        ("$t", table), ("$id", record.SysId), ("$seq", ++_sequence), ("$json", JsonSerializer.Serialize(record.Values)));

    public void Delete(string table, string sysId) =>
        Execute("DELETE FROM records WHERE table_name = $t AND sys_id = $id", ("$t", table), ("$id", sysId));

    public void PutContent(string attachmentSysId, byte[] content) => Execute(
        "INSERT INTO contents (sys_id, bytes) VALUES ($id, $b) ON CONFLICT (sys_id) DO UPDATE SET bytes = excluded.bytes",
        ("$id", attachmentSysId), ("$b", content));

    public void DeleteContent(string attachmentSysId) =>
        Execute("DELETE FROM contents WHERE sys_id = $id", ("$id", attachmentSysId));

    public void SetCounter(string name, long value) => Execute(
        "INSERT INTO counters (name, value) VALUES ($n, $v) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        ("$n", name), ("$v", value));

    public void ReplaceAll(InstanceStore.Snapshot snapshot)
    {
        var connection = Connection;
        using var transaction = connection.BeginTransaction();
        Execute("DELETE FROM records; DELETE FROM contents; DELETE FROM counters;");
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO records (table_name, sys_id, seq, json) VALUES ($t, $id, $seq, $json)";
            var table = insert.Parameters.Add("$t", SqliteType.Text);
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
            var json = insert.Parameters.Add("$json", SqliteType.Text);
            insert.Prepare();
            foreach (var (name, rows) in snapshot.Tables)
            {
                foreach (var row in rows)
                {
                    table.Value = name;
                    id.Value = row.SysId;
                    seq.Value = ++_sequence;
                    json.Value = JsonSerializer.Serialize(row.Values);
                    insert.ExecuteNonQuery();
                }
            }
        }

        foreach (var (name, value) in snapshot.Counters)
        {
            SetCounter(name, value);
        }

        foreach (var (sysId, content) in snapshot.Contents)
        {
            PutContent(sysId, content);
        }

        transaction.Commit();
    }

    public void Dispose() => _connection?.Dispose();

    private SqliteConnection Connection =>
        _connection ?? throw new InvalidOperationException("The SQLite store is not open.");

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
