using System.Globalization;
using System.Text;

namespace SnConnectPortal.Sandbox.Tables;

/// <summary>
/// <c>X-Total-Count</c> and the <c>Link</c> header in the format captured from a real instance
/// (SERVICENOW-API.md section 1, "Pagination headers"): absolute URLs, <c>&lt;url&gt;;rel="first"</c> joined by bare
/// commas, order first, prev, next, last; the request's parameters echoed with sysparm_limit/offset updated or appended.
/// </summary>
internal static class PaginationHeaders
{
    public static void Apply(HttpContext context, string instanceUrl, TableReadRequest request, int total, int returnedBeforeAcl)
    {
        var headers = context.Response.Headers;
        if (!request.NoCount)
        {
            headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        }

        if (request.SuppressPaginationHeader)
        {
            return;
        }

        var link = Build(context.Request, instanceUrl, request, request.NoCount ? null : total, returnedBeforeAcl);
        if (link is not null)
        {
            headers.Link = link;
        }
    }

    /// <summary>The Link header value, or null when everything fits on one page.</summary>
    public static string? Build(HttpRequest httpRequest, string instanceUrl, TableReadRequest request, int? total, int returned)
    {
        var limit = request.Limit;
        var offset = request.Offset;
        var morePages = total is { } t ? t > limit || offset > 0 : returned >= limit || offset > 0;
        if (!morePages)
        {
            return null;
        }

        var baseUrl = instanceUrl + httpRequest.PathBase + httpRequest.Path;
        var parameters = (httpRequest.QueryString.Value ?? "").TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries);
        var links = new List<string> { Link(baseUrl, parameters, limit, 0, "first") };

        // Observed on real instances: prev is sent from the page whose offset is at least limit - 1, even when that
        // gives a negative offset (limit=1, offset=0 → prev at -1); with limit=10000 on the first page it is left out.
        if (offset + 1 >= limit)
        {
            links.Add(Link(baseUrl, parameters, limit, offset - limit, "prev"));
        }

        var hasNext = total is { } count ? offset + limit < count : returned >= limit;
        if (hasNext)
        {
            links.Add(Link(baseUrl, parameters, limit, offset + limit, "next"));
        }

        if (total is { } all && all > 0)
        {
            links.Add(Link(baseUrl, parameters, limit, (all - 1) / limit * limit, "last"));
        }

        return string.Join(',', links);
    }

    private static string Link(string baseUrl, string[] parameters, int limit, int offset, string rel)
    {
        var query = new StringBuilder();
        var sawLimit = false;
        var sawOffset = false;
        foreach (var parameter in parameters)
        {
            var name = parameter.Split('=', 2)[0];
            var text = name switch
            {
                "sysparm_limit" => Set(ref sawLimit, name, limit),
                "sysparm_offset" => Set(ref sawOffset, name, offset),
                _ => parameter,
            };
            Append(query, text);
        }

        if (!sawLimit)
        {
            Append(query, Set(ref sawLimit, "sysparm_limit", limit));
        }

        if (!sawOffset)
        {
            Append(query, Set(ref sawOffset, "sysparm_offset", offset));
        }

        return $"<{baseUrl}?{query}>;rel=\"{rel}\"";
    }

    private static string Set(ref bool seen, string name, int value)
    {
        seen = true;
        return string.Create(CultureInfo.InvariantCulture, $"{name}={value}");
    }

    private static void Append(StringBuilder query, string parameter)
    {
        if (query.Length > 0)
        {
            query.Append('&');
        }

        query.Append(parameter);
    }
}
