using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Web.Auditing;
using SnConnectPortal.Web.Features.Administration;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Components.Administration;

/// <summary>The audit log's grid asks the server for one page of 50 at a time, with the filters set above it.</summary>
public sealed class AuditLogPageTests : PortalComponentTest, IDisposable
{
    private readonly PortalFactory _portal = new();

    public AuditLogPageTests()
    {
        Share<AuditQuery>();
        Context.AddAuthorization().SetAuthorized("ada@example.com").SetRoles(PortalRoles.Admin);
    }

    [Fact]
    public async Task Open_SixtyEntries_ShowsTheFirstFiftyOfSixty()
    {
        await WriteEntriesAsync(("ada@example.com", 60));

        var page = Context.Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll("[data-testid=audit-details]").Count));
        Assert.Contains("1-50 of 60", page.Find(".mud-table-pagination").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilterByWho_AsksForThatActorOnly()
    {
        await WriteEntriesAsync(("ada@example.com", 55), ("bob@example.com", 5));
        var page = Context.Render<AuditLogPage>();
        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll("[data-testid=audit-details]").Count));

        SettingsTests.Input(page.Find("[data-testid=audit-actor]")).Change("bob");

        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid=audit-details]").Count));
        Assert.DoesNotContain("ada@example.com", page.Find("[data-testid=audit-grid] tbody").TextContent, StringComparison.Ordinal);
    }

    private async Task WriteEntriesAsync(params (string Actor, int Count)[] entries)
    {
        var log = _portal.Services.GetRequiredService<AuditLog>();
        foreach (var (actor, count) in entries)
        {
            for (var i = 0; i < count; i++)
            {
                await log.WriteAsync(actor, "settings.retention.changed", "PortalSetting", "Messages.RetentionDays", new { from = i, to = i + 1 }, CancellationToken.None);
            }
        }
    }

    /// <summary>Hands the component the portal's own service (on the portal's SQLite file).</summary>
    private void Share<T>()
        where T : class => Context.Services.AddSingleton(_portal.Services.GetRequiredService<T>());

    public void Dispose() => _portal.Dispose();
}
