namespace SnConnectPortal.Web.Features.Connections;

/// <summary>The fixed lists the wizard offers.</summary>
public static class ConnectionChoices
{
    public static IReadOnlyList<string> Environments { get; } = ["Production", "Test", "Development"];

    /// <summary>The tables the hub integrates; incident is the default.</summary>
    public static IReadOnlyList<string> Tables { get; } = ["incident", "problem", "change_request", "sc_task"];

    public const string DefaultTable = "incident";
}
