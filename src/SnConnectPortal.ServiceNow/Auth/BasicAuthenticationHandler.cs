using System.Net.Http.Headers;
using System.Text;

namespace SnConnectPortal.ServiceNow.Auth;

/// <summary>Adds <c>Authorization: Basic</c> with the integration user's name and password.</summary>
internal sealed class BasicAuthenticationHandler(ServiceNowConnectionSettings settings) : DelegatingHandler
{
    private readonly AuthenticationHeaderValue _header = new(
        "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.UserName}:{settings.Password}")));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = _header;
        return base.SendAsync(request, cancellationToken);
    }
}
