using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Tests.Infrastructure;

/// <summary>In Development (every test host) a query that limits rows without an order fails instead of logging a warning.</summary>
public sealed class QueryWarningTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task TakeWithoutOrderBy_InDevelopment_Throws()
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.AuditEntries.Skip(1).Take(5).ToListAsync());

        Assert.Contains("RowLimitingOperationWithoutOrderByWarning", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _portal.Dispose();
}
