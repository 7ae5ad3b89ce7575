namespace SnConnectPortal.Web.Security;

/// <summary>The portal's roles. A user has exactly one.</summary>
public static class PortalRoles
{
    /// <summary>Everything, including credentials and users.</summary>
    public const string Admin = "Admin";

    /// <summary>Runs checks, imports and maps users, retries messages and sends test payloads; never sees credentials.</summary>
    public const string Operator = "Operator";

    /// <summary>Read-only.</summary>
    public const string Viewer = "Viewer";

    public static IReadOnlyList<string> All { get; } = [Admin, Operator, Viewer];
}
