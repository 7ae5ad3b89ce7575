using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Security;

/// <summary>The database alone must not hold what decrypts the connection secrets.</summary>
public sealed class KeyRingProtectionTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task KeysInTheDatabase_AreEncryptedWithTheCertificateKeptOutsideIt()
    {
        // Rendering a form creates the first key (its antiforgery token is protected with it).
        await _portal.CreateBrowserLikeClient().GetStringAsync("/setup");

        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(_portal.DatabasePath)!, "keyring-protection.pfx")));
    }

    [Fact]
    public void Start_WithAnUnreadableCertificate_FailsNamingTheSetting()
    {
        var directory = Directory.CreateTempSubdirectory("sncp-keyring-");
        var certificate = Path.Combine(directory.FullName, "broken.pfx");
        File.WriteAllText(certificate, "not a certificate");
        using var portal = new PortalFactory(new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = certificate });

        var failure = Record.Exception(() => portal.CreateClient());

        Assert.NotNull(failure);
        Assert.Contains("DataProtection:CertificatePath", failure.ToString(), StringComparison.Ordinal);
        directory.Delete(recursive: true);
    }

    public void Dispose() => _portal.Dispose();
}
