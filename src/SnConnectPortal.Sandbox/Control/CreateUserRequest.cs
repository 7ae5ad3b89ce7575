namespace SnConnectPortal.Sandbox.Control;

/// <summary>Body of <c>POST /sandbox/users</c>: a sys_user that can sign in.</summary>
internal sealed record CreateUserRequest(
    string? UserName,
    string? Password,
    IReadOnlyList<string>? Roles,
    bool WebServiceAccessOnly,
    bool LockedOut,
    bool PasswordNeedsReset,
    bool Active = true);
