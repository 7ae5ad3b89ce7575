using SnConnectPortal.ServiceNow.Network;

namespace SnConnectPortal.Web.Features.Inbound;

/// <summary>
/// Whether ServiceNow can reach the receiver at the address the portal hands out. A hosted instance calls from the
/// internet, so a loopback, private or link-local address (the portal opened at http://127.0.0.1:5000, or
/// <see cref="InboundOptions.PublicBaseUrl"/> set to one) cannot work, and the receiver panel and setup kit say so.
/// </summary>
public static class PublicAddressCheck
{
    /// <summary>The warning for <paramref name="baseUrl"/>, or null when it is a public address.</summary>
    /// <param name="baseUrl">The receiver's base address.</param>
    /// <param name="configured">Whether it comes from Inbound:PublicBaseUrl (else from the browser's address).</param>
    public static string? Warning(Uri baseUrl, bool configured)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!DestinationAddresses.IsRestrictedHost(baseUrl.Host))
        {
            return null;
        }

        var source = configured ? "the value of Inbound:PublicBaseUrl" : "the address you opened the portal at";
        return $"A ServiceNow instance cannot reach {baseUrl.AbsoluteUri}: it is a loopback or private address ({source}). " +
            "Set Inbound:PublicBaseUrl to the portal's address as ServiceNow reaches it, e.g. https://portal.example.com/ " +
            "(in appsettings.json, as Inbound__PublicBaseUrl in the environment, or --Inbound:PublicBaseUrl=… on the command line), " +
            "then restart the portal.";
    }

    /// <summary>The same, in one line for the setup kit, which the receiver panel's full warning precedes.</summary>
    public static string? BriefWarning(Uri baseUrl, bool configured)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return Warning(baseUrl, configured) is null
            ? null
            : $"This kit points ServiceNow at {baseUrl.AbsoluteUri}, which a ServiceNow instance cannot reach: set Inbound:PublicBaseUrl first (see above).";
    }
}
