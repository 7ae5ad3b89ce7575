using Xunit;

namespace SnConnectPortal.Testing;

/// <summary>
/// One sandbox process shared by a test class (<c>IClassFixture&lt;SandboxFixture&gt;</c>) or a collection; tests call
/// <see cref="SandboxProcess.ResetAsync"/> where they need a clean state.
/// </summary>
public class SandboxFixture : IAsyncLifetime
{
    private SandboxProcess? _sandbox;

    public SandboxProcess Sandbox =>
        _sandbox ?? throw new InvalidOperationException("The sandbox fixture has not been initialized.");

    public Uri BaseUrl => Sandbox.BaseUrl;

    /// <summary>Startup settings (<c>--Sandbox:Key=Value</c>); override to start with extra records or a store file.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public async Task InitializeAsync() => _sandbox = await SandboxProcess.StartAsync(Settings);

    public async Task DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }
}
