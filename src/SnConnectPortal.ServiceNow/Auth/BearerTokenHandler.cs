using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace SnConnectPortal.ServiceNow.Auth;

/// <summary>
/// Adds <c>Authorization: Bearer</c> from the connection's token cache. When ServiceNow answers 401 to a cached
/// token (revoked, or expired early), it gets a new token and sends the request again exactly once.
/// </summary>
internal sealed class BearerTokenHandler(OAuthTokenProvider tokens, ServiceNowConnectionSettings settings, ILogger<BearerTokenHandler> logger)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (accessToken, fromCache) = await tokens.GetAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !fromCache)
        {
            return response;
        }

        logger.LogInformation("ServiceNow rejected the cached access token for {Connection} on {Method} {Path}; getting a new token and trying once more",
            settings.ConnectionIdentity, request.Method, request.RequestUri?.AbsolutePath);
        response.Dispose();
        tokens.Invalidate(accessToken);
        (accessToken, _) = await tokens.GetAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
