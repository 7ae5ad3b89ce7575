using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SnConnectPortal.Web.DataProtection;

/// <summary>
/// The certificate that encrypts the Data Protection key ring before it is written to the database, so that the
/// database alone (a backup, a copied SQLite file) never holds what decrypts the connection secrets. Kept as a PKCS#12
/// file outside the database; created on first run when missing. Every portal node sharing a database must be given
/// the same file.
/// </summary>
public static class KeyRingCertificate
{
    public const string PathSetting = "DataProtection:CertificatePath";
    public const string PasswordSetting = "DataProtection:CertificatePassword";
    private const string DefaultPath = "data/keyring-protection.pfx";

    public static X509Certificate2 LoadOrCreate(IConfiguration configuration, string contentRootPath)
    {
        var path = Path.GetFullPath(Path.Combine(contentRootPath, configuration[PathSetting] is { Length: > 0 } configured ? configured : DefaultPath));
        var password = configuration[PasswordSetting];
        if (!File.Exists(path))
        {
            TryCreate(path, password);
        }

        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.Exportable);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{PathSetting}: cannot read the key-ring certificate {path} ({e.Message}). Check the file and {PasswordSetting}.", e);
        }
    }

    private static void TryCreate(string path, string? password)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=SnConnectPortal key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = DateTimeOffset.UnixEpoch.AddSeconds(Math.Floor(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 86400d) * 86400);
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        var bytes = certificate.Export(X509ContentType.Pfx, password);
        try
        {
            // CreateNew: when several processes start at once, the first file written wins and the others read it.
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            file.Write(bytes);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first.
        }
    }
}
