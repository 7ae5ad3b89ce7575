namespace SnConnectPortal.Sandbox.Tables;

/// <summary><c>sysparm_display_value</c>: false (stored values), true (display values) or all (both).</summary>
internal enum DisplayValueMode
{
    Value,
    Display,
    All,
}
