using Microsoft.AspNetCore.DataProtection;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>
/// Encrypts connection secrets with ASP.NET Core Data Protection. Each value is bound to its connection and kind,
/// so a stored payload copied to another row does not decrypt there.
/// </summary>
public sealed class ConnectionSecretProtector(IDataProtectionProvider provider)
{
    private const string Purpose = "SnConnectPortal.Connections.Secret.v1";

    public string Protect(long connectionId, SecretKind kind, string value) => ProtectorFor(connectionId, kind).Protect(value);

    public string Unprotect(long connectionId, SecretKind kind, string protectedValue) =>
        ProtectorFor(connectionId, kind).Unprotect(protectedValue);

    private IDataProtector ProtectorFor(long connectionId, SecretKind kind) =>
        provider.CreateProtector(Purpose, connectionId.ToString(System.Globalization.CultureInfo.InvariantCulture), kind.ToString());
}
