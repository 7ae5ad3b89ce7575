namespace SnConnectPortal.Testing;

/// <summary>The sandbox process could not be started or did not become healthy.</summary>
public sealed class SandboxStartException : Exception
{
    public SandboxStartException()
    {
    }

    public SandboxStartException(string message)
        : base(message)
    {
    }

    public SandboxStartException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
