using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SnConnectPortal.ServiceNow.Errors;

namespace SnConnectPortal.ServiceNow.Auth;

/// <summary>Posts one grant to ServiceNow's token endpoint, <c>POST /oauth_token.do</c> (form-encoded).</summary>
internal sealed class OAuthTokenClient(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger<OAuthTokenClient> logger) : IOAuthTokenEndpoint
{
    public const string HttpClientName = "SnConnectPortal.ServiceNow.OAuth";

    // client_credentials answers may leave out expires_in; PySNC assumes an hour, and so do we.
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    public async Task<OAuthToken> RequestAsync(ServiceNowConnectionSettings settings, OAuthGrant grant, string? refreshToken, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", grant switch
            {
                OAuthGrant.Password => "password",
                OAuthGrant.RefreshToken => "refresh_token",
                _ => "client_credentials",
            }),
            new("client_id", settings.ClientId ?? string.Empty),
            new("client_secret", settings.ClientSecret ?? string.Empty),
        };
        if (grant == OAuthGrant.Password)
        {
            form.Add(new("username", settings.UserName ?? string.Empty));
            form.Add(new("password", settings.Password ?? string.Empty));
        }
        else if (grant == OAuthGrant.RefreshToken)
        {
            form.Add(new("refresh_token", refreshToken ?? string.Empty));
        }

        var tokenUrl = new Uri(settings.BaseUri, "oauth_token.do");
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var client = httpClientFactory.CreateClient(HttpClientName);
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var context = new ServiceNowCallContext(settings.AuthMode, settings.UserName ?? settings.ClientId, "POST", tokenUrl.AbsolutePath);

        if (!response.IsSuccessStatusCode)
        {
            var error = ServiceNowErrorMapper.FromResponse((int)response.StatusCode, body, null, context);
            if (grant == OAuthGrant.RefreshToken && error.Kind is ServiceNowErrorKind.Unauthorized or ServiceNowErrorKind.BadRequest)
            {
                error = error with { Kind = ServiceNowErrorKind.Unauthorized, Remedy = ServiceNowRemedies.RefreshTokenRejected };
            }

            logger.LogWarning("ServiceNow refused the OAuth {Grant} grant for {Connection}: HTTP {Status} {Message}",
                grant, settings.ConnectionIdentity, (int)response.StatusCode, error.Message);
            throw new ServiceNowException(error);
        }

        var now = timeProvider.GetUtcNow();
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var accessToken = root.TryGetProperty("access_token", out var access) ? access.GetString() : null;
            if (string.IsNullOrEmpty(accessToken))
            {
                throw new ServiceNowException(ServiceNowErrorMapper.InvalidResponse((int)response.StatusCode, "The token answer has no access_token.", context));
            }

            var lifetime = root.TryGetProperty("expires_in", out var expires) && TryReadSeconds(expires, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : DefaultLifetime;
            var newRefreshToken = root.TryGetProperty("refresh_token", out var refresh) && refresh.ValueKind == JsonValueKind.String
                ? refresh.GetString()
                : null;
            logger.LogInformation("ServiceNow granted an OAuth access token ({Grant}) for {Connection}, valid {Lifetime} s",
                grant, settings.ConnectionIdentity, lifetime.TotalSeconds);
            return new OAuthToken(accessToken, string.IsNullOrEmpty(newRefreshToken) ? null : newRefreshToken, now, now + lifetime);
        }
        catch (JsonException)
        {
            throw new ServiceNowException(ServiceNowErrorMapper.InvalidResponse((int)response.StatusCode, "The token answer is not JSON.", context));
        }
    }

    private static bool TryReadSeconds(JsonElement value, out double seconds)
    {
        seconds = 0;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out seconds) && seconds > 0,
            JsonValueKind.String => double.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out seconds) && seconds > 0,
            _ => false,
        };
    }
}
