namespace SnConnectPortal.ServiceNow.Records;

/// <summary>A sys_user row with the columns user import and the Systems Check read.</summary>
public sealed record SysUserRecord(
    string SysId,
    string UserName,
    string FirstName,
    string LastName,
    string Name,
    string Email,
    string Title,
    string Department,
    string Manager,
    string EmployeeNumber,
    bool Active,
    bool LockedOut,
    bool WebServiceAccessOnly,
    ServiceNowRecord Record)
{
    /// <summary>The columns to ask for when only these typed fields are needed.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "sys_id", "user_name", "first_name", "last_name", "name", "email", "title", "department", "manager",
        "employee_number", "active", "locked_out", "web_service_access_only",
    ];

    public static SysUserRecord From(ServiceNowRecord record) => new(
        record.SysId,
        record["user_name"],
        record["first_name"],
        record["last_name"],
        record["name"],
        record["email"],
        record["title"],
        record["department"],
        record["manager"],
        record["employee_number"],
        IsTrue(record["active"]),
        IsTrue(record["locked_out"]),
        IsTrue(record["web_service_access_only"]),
        record);

    private static bool IsTrue(string value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
