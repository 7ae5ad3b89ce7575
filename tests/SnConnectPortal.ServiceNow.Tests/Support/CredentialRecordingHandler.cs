using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace SnConnectPortal.ServiceNow.Tests.Support;

/// <summary>
/// Added to every HttpClient in a test: remembers each Authorization header value sent and each token ServiceNow
/// issued, so a test can prove none of them reached the logs.
/// </summary>
internal sealed partial class CredentialRecordingHandler(ConcurrentBag<string> secrets) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Headers.Authorization?.Parameter is { } credential)
        {
            secrets.Add(credential);
        }

        if (request.RequestUri?.AbsolutePath.EndsWith("/oauth_token.do", StringComparison.Ordinal) == true)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            foreach (Match match in TokenValue().Matches(body))
            {
                secrets.Add(match.Groups[1].Value);
            }
        }

        return response;
    }

    [GeneratedRegex("\"(?:access_token|refresh_token)\"\\s*:\\s*\"([^\"]+)\"")]
    private static partial Regex TokenValue();
}
