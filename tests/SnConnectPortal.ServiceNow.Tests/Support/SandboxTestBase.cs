using SnConnectPortal.Testing;

namespace SnConnectPortal.ServiceNow.Tests.Support;

/// <summary>
/// Integration tests share the collection's sandbox process: each test starts from the sandbox's startup seed with a
/// fresh client host, and is bounded by a one-minute token.
/// </summary>
[Collection(SandboxCollection.Name)]
public abstract class SandboxTestBase(SandboxFixture fixture) : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(1));

    internal ServiceNowTestHost Host { get; } = new(fixture.Sandbox);

    protected SandboxProcess Sandbox => fixture.Sandbox;

    protected CancellationToken Ct => _timeout.Token;

    public Task InitializeAsync() => Sandbox.ResetAsync(Ct);

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _timeout.Dispose();
    }
}
