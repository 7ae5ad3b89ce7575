namespace SnConnectPortal.Data;

/// <summary>The secrets a connection can hold. Stored by name.</summary>
public enum SecretKind
{
    Password,
    ClientSecret,
    RefreshToken,
}
