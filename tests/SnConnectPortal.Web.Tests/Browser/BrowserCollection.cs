namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// Browser tests run one at a time (each starts a portal and a Chromium, and the machine has two cores), beside the
/// other tests rather than after them: they spend most of their time waiting for pages, which leaves a core for the
/// rest. <see cref="BrowserCollectionFirst"/> starts them first, since theirs is the longest chain.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
