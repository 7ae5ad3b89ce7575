namespace SnConnectPortal.Web.Tests.Infrastructure;

public static class Redirects
{
    /// <summary>The path and query a redirect points to, whether the Location header is absolute or relative.</summary>
    public static string? PathOf(HttpResponseMessage response) => response.Headers.Location switch
    {
        null => null,
        { IsAbsoluteUri: true } location => location.PathAndQuery,
        var location => location.OriginalString,
    };
}
