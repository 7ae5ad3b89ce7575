using System.Net.Http;
using SnConnectPortal.ServiceNow.Network;

namespace SnConnectPortal.Web.Features.SystemsCheck;

/// <summary>Turns a failed HTTP exchange of a probe (no ServiceNow answer at all) into a failed step.</summary>
internal static class TransportFailure
{
    public static StepOutcome Outcome(HttpRequestException exception, SystemsCheckContext context)
    {
        var host = context.Settings.InstanceUrl.Host;
        var innermost = Innermost(exception);
        if (innermost is BlockedDestinationException blocked)
        {
            return Blocked(blocked);
        }

        var detail = innermost.Message;
        return exception.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => StepOutcome.Fail($"The host name {host} does not resolve ({detail}).", UnknownHost(host)),
            HttpRequestError.SecureConnectionError => StepOutcome.Fail($"The TLS handshake with {host} failed ({detail}).", TlsStepRemedy(host)),
            _ => StepOutcome.Fail($"No HTTP exchange with {host}: {detail}", ConnectionRefused(context.Settings.InstanceUrl)),
        };
    }

    /// <summary>The one answer for a destination the portal will not connect to, whatever listens there.</summary>
    public static StepOutcome Blocked(BlockedDestinationException exception) =>
        StepOutcome.Fail($"The portal did not connect: {exception.Message}",
            "Use the instance's public address (https://<subdomain>.service-now.com/). If the instance really is on a private " +
            "network, an administrator adds its host to Connections:AllowedPrivateHosts and restarts the portal.");

    public static string UnknownHost(string host) =>
        $"Check the spelling of the instance address ({host}): a ServiceNow instance is https://<subdomain>.service-now.com/ " +
        "unless your organization has a custom domain. If it is right, this server's DNS (or its proxy) cannot resolve it: " +
        "ask the network team to allow the name.";

    public static string TlsStepRemedy(string host) =>
        $"This server does not trust the certificate {host} presents. A hosted ServiceNow instance presents a publicly trusted " +
        "certificate for *.service-now.com, so an untrusted one usually means a proxy that inspects HTTPS (install its root " +
        "certificate in this server's trust store) or a custom domain whose certificate is self-signed, expired or for " +
        "another name (renew it in ServiceNow's custom URL settings or use the instance's own service-now.com address).";

    public static string ConnectionRefused(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var protocol = url.Scheme == Uri.UriSchemeHttp ? "HTTP" : "HTTPS";
        return $"Nothing accepted the connection at {url.Host}:{url.Port}. Check that the instance is running there, that firewalls and " +
            $"proxies allow outbound {protocol} ({url.Scheme}://, port {url.Port}) from this server to it, and that the address has no wrong port.";
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }
}
