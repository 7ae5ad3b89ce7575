namespace SnConnectPortal.Data;

/// <summary>Where a run stands. Stored by name.</summary>
public enum UserImportStatus
{
    Running,
    Completed,
    Cancelled,
    Failed,
}
