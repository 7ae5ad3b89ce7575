using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("SnConnectPortal.Web.Tests.Browser.BrowserCollectionFirst", "SnConnectPortal.Web.Tests")]

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>Orders the browser and multi-node collections, the longest, before every other, which keep xUnit's default order.</summary>
public sealed class BrowserCollectionFirst : ITestCollectionOrderer
{
    private readonly DefaultTestCollectionOrderer _default = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        _default.OrderTestCollections(testCollections).OrderBy(c => c.DisplayName is BrowserTourCollection.Name or BrowserCollection.Name or MultiNode.MultiNodeCollection.Name ? 0 : 1);
}
