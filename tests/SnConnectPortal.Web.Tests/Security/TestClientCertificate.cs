using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SnConnectPortal.Web.Tests.Security;

/// <summary>
/// A self-signed RSA certificate as an administrator makes one for the app registration: the PFX with its private key
/// (password-protected) in a temporary folder for the portal, the public part for the provider. Dispose deletes the folder.
/// </summary>
public sealed class TestClientCertificate : IDisposable
{
    public const string Password = "pfx-password-for-the-test-certificate";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sncp-client-certificates", Guid.NewGuid().ToString("N"));

    public TestClientCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=SnConnectPortal test client", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        Directory.CreateDirectory(_directory);
        PfxPath = Path.Combine(_directory, "portal-client.pfx");
        File.WriteAllBytes(PfxPath, certificate.Export(X509ContentType.Pfx, Password));
        PublicPart = X509CertificateLoader.LoadCertificate(certificate.RawData);
    }

    public string PfxPath { get; }

    /// <summary>What the administrator uploads to the app registration: the certificate without its key.</summary>
    public X509Certificate2 PublicPart { get; }

    /// <summary>The <c>AzureAd:ClientCredentials</c> entry that loads the PFX (Microsoft.Identity.Web's SourceType Path).</summary>
    public Dictionary<string, string> Settings(string password = Password) => new()
    {
        ["AzureAd:ClientCredentials:0:SourceType"] = "Path",
        ["AzureAd:ClientCredentials:0:CertificateDiskPath"] = PfxPath,
        ["AzureAd:ClientCredentials:0:CertificatePassword"] = password,
    };

    public void Dispose()
    {
        PublicPart.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
