namespace SnConnectPortal.Testing.EntraId;

/// <summary>A person in the provider's directory, with the app roles and groups their next sign-in's token carries.</summary>
/// <param name="UserName">What they type on the provider's sign-in page; the token's <c>preferred_username</c>.</param>
/// <param name="DisplayName">The token's <c>name</c>.</param>
/// <param name="Roles">The token's <c>roles</c> (app role values).</param>
public sealed record EntraIdUser(string UserName, string DisplayName, IReadOnlyList<string> Roles)
{
    /// <summary>The token's <c>oid</c> (and <c>sub</c>).</summary>
    public string ObjectId { get; init; } = Guid.NewGuid().ToString();

    /// <summary>The token's <c>groups</c> (group object ids).</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>The token's <c>tid</c> when the user belongs to another organization; null: the provider's own tenant.</summary>
    public string? HomeTenantId { get; init; }
}
