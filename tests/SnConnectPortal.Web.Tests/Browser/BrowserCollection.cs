// Three collections at a time: the two browser chains and one more (see below).
[assembly: CollectionBehavior(MaxParallelThreads = 3)]

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// Browser tests run in two chains, one test at a time in each (each starts a portal and a Chromium, and the machine
/// has two cores): the tour of every screen (<see cref="BrowserTourCollection"/>, the control crawl and the page survey)
/// and the walkthroughs (this one). Both run beside the other tests rather than after them, since they spend most of
/// their time waiting for pages, and <see cref="BrowserCollectionFirst"/> starts them first, since theirs are the
/// longest chains.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}

/// <summary>The tour of every screen: <see cref="EveryControlDoesSomethingTests"/> and <see cref="PageSurveyTests"/>.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTourCollection
{
    public const string Name = "Browser tour";
}
