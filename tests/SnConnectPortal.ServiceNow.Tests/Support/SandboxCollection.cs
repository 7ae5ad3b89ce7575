using SnConnectPortal.Testing;

namespace SnConnectPortal.ServiceNow.Tests.Support;

/// <summary>One sandbox process for every integration test class; each test resets the state it depends on.</summary>
[CollectionDefinition(Name)]
public sealed class SandboxCollection : ICollectionFixture<SandboxFixture>
{
    public const string Name = "Sandbox";
}
