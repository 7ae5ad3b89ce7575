namespace SnConnectPortal.Web.Tests.Events;

/// <summary>The events API test classes share one sandbox and one portal (<see cref="EventsApiPortal"/>).</summary>
[CollectionDefinition(Name)]
public sealed class EventsApiCollection : ICollectionFixture<EventsApiPortal>
{
    public const string Name = "Events API";
}
