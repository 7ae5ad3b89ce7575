using System.Text.RegularExpressions;
using SnConnectPortal.ServiceNow.Network;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>The outcome of reading what an administrator typed as the instance: the normalized URL, or why not.</summary>
public sealed record InstanceAddressResult(Uri? Url, string? Error)
{
    public bool IsValid => Url is not null;
}

/// <summary>
/// Turns a subdomain (<c>acme</c>) or a URL (<c>HTTPS://Acme.Service-Now.com</c>) into the instance's normalized base
/// URL (<c>https://acme.service-now.com/</c>): lower-case scheme and host (unicode hosts in their ASCII form), no
/// default port, a trailing slash. Refuses paths, queries, user info, plain http and private or loopback hosts unless
/// <see cref="ConnectionsOptions"/> allows the host.
/// </summary>
public static partial class InstanceAddress
{
    public const int MaxLength = SnConnectPortal.Data.FieldLengths.InstanceUrl;

    private const string Example = "https://acme.service-now.com/";

    public static InstanceAddressResult Parse(string? input, ConnectionsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            return Fail($"Enter the instance's subdomain (acme) or its address ({Example}).");
        }

        if (text.Length > MaxLength)
        {
            return Fail($"An instance address has at most {MaxLength} characters.");
        }

        if (!text.Contains("://", StringComparison.Ordinal))
        {
            if (Subdomain().IsMatch(text))
            {
                return new InstanceAddressResult(new Uri($"https://{text.ToLowerInvariant()}.service-now.com/"), null);
            }

            if (!text.Contains('.', StringComparison.Ordinal))
            {
                return Fail("A subdomain has only letters a-z, digits and hyphens, and starts and ends with a letter or digit (like acme).");
            }

            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return Fail($"This is not a valid address. Enter it like {Example}");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            return Fail($"The address must start with https:// (was {uri.Scheme}://).");
        }

        if (uri.UserInfo.Length > 0)
        {
            return Fail("Remove the user name and password from the address: credentials are entered in step 3, where they are kept encrypted.");
        }

        var host = uri.IdnHost.ToLowerInvariant();
        var baseUrl = new UriBuilder(uri.Scheme, host, uri.IsDefaultPort ? -1 : uri.Port).Uri;
        if (uri.Scheme == Uri.UriSchemeHttp && !IsListed(options.AllowedInsecureHosts, host))
        {
            return Fail($"Use https://: plain http sends credentials unencrypted. (An administrator can allow http for {host} with the setting Connections:AllowedInsecureHosts.)");
        }

        if (DestinationAddresses.IsRestrictedHost(host) && !IsListed(options.AllowedPrivateHosts, host))
        {
            return Fail($"{host} is a loopback or private network address, which is not allowed for an instance. (An administrator can allow it with the setting Connections:AllowedPrivateHosts.)");
        }

        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return Fail($"Enter only the instance's address, without a path or query: {baseUrl}");
        }

        return new InstanceAddressResult(baseUrl, null);
    }

    private static bool IsListed(List<string> hosts, string host) =>
        hosts.Any(allowed => string.Equals(allowed.Trim().Trim('[', ']'), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));

    private static InstanceAddressResult Fail(string error) => new(null, error);

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex Subdomain();
}
