namespace SnConnectPortal.Data;

/// <summary>A full import reads every sys_user row and marks the ones it no longer finds; an incremental one reads the changed rows. Stored by name.</summary>
public enum UserImportKind
{
    Full,
    Incremental,
}
