namespace SnConnectPortal.Sandbox.Auth;

/// <summary>The authenticated user of a request.</summary>
internal sealed record Caller(string SysId, string UserName, IReadOnlySet<string> Roles)
{
    private const string ItemKey = "SnConnectPortal.Sandbox.Caller";

    public bool IsAdmin => Roles.Contains("admin");

    public bool HasRole(string role) => IsAdmin || Roles.Contains(role);

    public static Caller? Of(HttpContext context) => context.Items[ItemKey] as Caller;

    public static Caller Required(HttpContext context) =>
        Of(context) ?? throw new InvalidOperationException("The request passed no authentication.");

    public void AttachTo(HttpContext context) => context.Items[ItemKey] = this;
}
