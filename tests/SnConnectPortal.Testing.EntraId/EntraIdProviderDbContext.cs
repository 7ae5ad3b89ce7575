using Microsoft.EntityFrameworkCore;

namespace SnConnectPortal.Testing.EntraId;

/// <summary>OpenIddict's applications, authorizations and tokens, in an in-memory SQLite database.</summary>
internal sealed class EntraIdProviderDbContext(DbContextOptions<EntraIdProviderDbContext> options) : DbContext(options);
