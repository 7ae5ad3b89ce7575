namespace SnConnectPortal.Web.Tests.MultiNode;

/// <summary>
/// The tests of several published nodes behind nginx, one at a time (each starts two portal processes, nginx and
/// sometimes a Chromium), begun beside the browser chains since they too spend minutes waiting.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MultiNodeCollection
{
    public const string Name = "Multi-node";
}
