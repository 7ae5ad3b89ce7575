using Microsoft.Data.Sqlite;

namespace SnConnectPortal.Data.Tests;

/// <summary>A fresh directory for one test (a content root holding its SQLite files), deleted afterwards.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sncp-data-tests-{Guid.NewGuid():N}");

    public TemporaryDirectory() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        // Pooled connections keep SQLite files open.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
