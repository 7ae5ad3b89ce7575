namespace SnConnectPortal.Sandbox.Store;

/// <summary>Receives every change to the store, inside its write lock (the SQLite write-through).</summary>
internal interface IStoreJournal
{
    void Upsert(string table, SnRecord record);

    void Delete(string table, string sysId);

    void PutContent(string attachmentSysId, byte[] content);

    void DeleteContent(string attachmentSysId);

    void SetCounter(string name, long value);

    /// <summary>Replaces everything with the given state (after a reset or a reseed).</summary>
    void ReplaceAll(InstanceStore.Snapshot snapshot);
}
