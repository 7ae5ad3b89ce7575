using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Features.Inbound;

/// <summary>The receiver's address: under <see cref="InboundOptions.PublicBaseUrl"/> when set, else under the portal's address as the browser sees it.</summary>
public sealed class InboundUrls(IOptions<InboundOptions> options)
{
    public Uri BaseFor(Uri portalBaseUri)
    {
        var configured = options.Value.PublicBaseUrl;
        var baseUri = string.IsNullOrEmpty(configured) ? portalBaseUri : new Uri(configured);
        return baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
    }

    public Uri Receiver(Uri portalBaseUri, string connectionKey) => new(BaseFor(portalBaseUri), "api/inbound/" + connectionKey);
}
