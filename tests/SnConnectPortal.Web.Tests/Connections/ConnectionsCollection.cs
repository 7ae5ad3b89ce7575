namespace SnConnectPortal.Web.Tests.Connections;

/// <summary>The connection tests share one portal and one sandbox process.</summary>
[CollectionDefinition(Name)]
public sealed class ConnectionsCollection : ICollectionFixture<ConnectionsPortal>
{
    public const string Name = "Connections";
}
