namespace SnConnectPortal.Web.Sandbox;

/// <summary>
/// The sandbox ServiceNow instance beside the portal (section <c>Sandbox</c>). With a <see cref="Url"/>, the wizard
/// offers "use the sandbox instance" while it answers; with <see cref="Launch"/>, the portal also starts it.
/// </summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>Start the sandbox as its own process when the portal starts, and stop it with the portal.</summary>
    public bool Launch { get; set; }

    /// <summary>Where the sandbox listens, e.g. <c>http://127.0.0.1:5180/</c>; empty: no sandbox offered.</summary>
    public Uri? Url { get; set; }

    /// <summary>
    /// The sandbox's built <c>SnConnectPortal.Sandbox.dll</c>, or its project folder (then it runs with
    /// <c>dotnet run --project</c>). Empty: found beside the portal's source tree.
    /// </summary>
    public string? Path { get; set; }
}
