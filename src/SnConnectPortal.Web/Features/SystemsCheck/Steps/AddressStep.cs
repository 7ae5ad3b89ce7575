using System.Net;
using System.Net.Sockets;
using SnConnectPortal.ServiceNow.Network;

namespace SnConnectPortal.Web.Features.SystemsCheck.Steps;

/// <summary>The instance address is an absolute http(s) URL to the instance root, and its host resolves to addresses the portal may call.</summary>
internal sealed class AddressStep : ISystemsCheckStep
{
    public const string StepKey = "address";

    public string Key => StepKey;

    public string Name => "Instance address and DNS";

    public IReadOnlyList<string> DependsOn => [];

    public async Task<StepOutcome> RunAsync(SystemsCheckContext context, CancellationToken cancellationToken)
    {
        var url = context.Settings.InstanceUrl;
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return StepOutcome.Fail($"'{url}' is not an http(s) address.",
                "Enter the instance's address as https://<subdomain>.service-now.com/ (or just the subdomain) in step 1 of the wizard.");
        }

        var scheme = url.Scheme == Uri.UriSchemeHttp
            ? " It uses plain http, which the portal allows only for hosts listed in Connections:AllowedInsecureHosts (the sandbox)."
            : "";
        IPAddress[] addresses;
        try
        {
            addresses = await context.Guard.ResolveAsync(url.IdnHost, [], cancellationToken);
        }
        catch (BlockedDestinationException exception)
        {
            return TransportFailure.Blocked(exception);
        }
        catch (SocketException exception)
        {
            return StepOutcome.Fail($"{url} is well formed, but the host name {url.Host} does not resolve ({exception.SocketErrorCode}: {exception.Message}).",
                TransportFailure.UnknownHost(url.Host));
        }

        if (IPAddress.TryParse(url.Host.Trim('[', ']'), out _))
        {
            return StepOutcome.Pass($"{url} is well formed; {url.Host} is an IP address, so there is no name to resolve.{scheme}");
        }

        var shown = string.Join(", ", addresses.Take(4).Select(a => a.ToString()));
        return StepOutcome.Pass($"{url} is well formed; {url.Host} resolves to {shown}.{scheme}");
    }
}
