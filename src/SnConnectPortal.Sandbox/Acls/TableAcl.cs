using SnConnectPortal.Sandbox.Auth;
using SnConnectPortal.Sandbox.Tables;

namespace SnConnectPortal.Sandbox.Acls;

/// <summary>
/// Role-based table ACLs as seeded: admin does everything; itil reads and writes the task tables; every signed-in
/// user reads users, groups, roles and the metadata tables; only admin writes those or reads sys_properties.
/// </summary>
internal static class TableAcl
{
    public static bool CanRead(Caller caller, string table) => caller.IsAdmin || table switch
    {
        _ when TableCatalog.IsTask(table) => caller.HasRole("itil"),
        TableCatalog.Properties => false,
        _ => true,
    };

    public static bool CanWrite(Caller caller, string table) => caller.IsAdmin || table switch
    {
        _ when TableCatalog.IsTask(table) => caller.HasRole("itil"),
        _ => false,
    };

    /// <summary>Attachments follow the record they hang on.</summary>
    public static bool CanAttach(Caller caller, string table) => CanWrite(caller, table);
}
