using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SnConnectPortal.Sandbox.Http;

/// <summary>
/// An extra https listener with a certificate generated at start that nobody trusts, so a client's TLS failure can
/// be produced for real (<c>--Sandbox:SelfSignedHttpsUrl=https://127.0.0.1:5443</c>). It serves the same instance.
/// </summary>
internal static class SelfSignedHttps
{
    public const string SettingName = "Sandbox:SelfSignedHttpsUrl";

    public static void AddSelfSignedHttps(this WebApplicationBuilder builder)
    {
        if (builder.Configuration[SettingName] is not { Length: > 0 } httpsUrl)
        {
            return;
        }

        if (!Uri.TryCreate(httpsUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"{SettingName} must be an https URL such as https://127.0.0.1:5443 (was '{httpsUrl}').");
        }

        var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey) is { Length: > 0 } configured ? configured : "http://127.0.0.1:5180";
        builder.WebHost.UseUrls($"{urls};{httpsUrl}");
        var certificate = Create(url.Host);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
    }

    /// <summary>A self-signed server certificate for <paramref name="host"/> (and localhost/127.0.0.1), valid for a day.</summary>
    public static X509Certificate2 Create(string host)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}, O=SnConnectPortal Sandbox (self-signed)", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        if (IPAddress.TryParse(host, out var address))
        {
            names.AddIpAddress(address);
        }
        else
        {
            names.AddDnsName(host);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        // Reload from PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
