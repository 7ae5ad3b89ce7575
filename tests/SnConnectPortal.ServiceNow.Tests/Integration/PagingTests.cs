using SnConnectPortal.ServiceNow.Queries;
using SnConnectPortal.ServiceNow.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.ServiceNow.Tests.Integration;

public class PagingTests(SandboxFixture fixture) : SandboxTestBase(fixture)
{
    private const int ExtraUsers = 25_000;
    private static readonly TableQuery ThousandPerPage = TableQuery.All with { PageSize = 1_000, Fields = ["sys_id", "user_name"] };

    [Fact]
    public async Task QueryAll_25000UsersPageSize1000_ReturnsEachExactlyOnce()
    {
        await Sandbox.SeedAsync(ExtraUsers, ct: Ct);
        var client = Host.Client(ServiceNowAuthMode.Basic);
        long? total = null;
        var sysIds = new List<string>();

        await foreach (var page in client.QueryPagesAsync("sys_user", ThousandPerPage, Ct))
        {
            total = page.Response.TotalCount;
            sysIds.AddRange(page.Records.Select(r => r.SysId));
        }

        Assert.True(total > ExtraUsers);
        Assert.Equal(total, sysIds.Count);
        Assert.Equal(sysIds.Count, sysIds.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(sysIds.Order(StringComparer.Ordinal), sysIds);
    }

    [Fact]
    public async Task QueryAll_AclHidesEveryNthUser_KeepsPagingPastShortPagesAndReturnsEachVisibleOnce()
    {
        const int hideEvery = 7;
        await Sandbox.SeedAsync(ExtraUsers, ct: Ct);
        await Sandbox.ConfigureAsync(new { aclHideEveryNthUser = hideEvery }, Ct);
        var admin = Host.Client(Host.Settings(ServiceNowAuthMode.Basic) with { UserName = "admin", Password = "admin" });
        var everyone = await admin.QueryAllAsync("sys_user", ThousandPerPage, Ct).Select(r => r.SysId).ToListAsync(Ct);
        var expected = everyone.Order(StringComparer.Ordinal).Where((_, index) => (index + 1) % hideEvery != 0).ToList();
        var client = Host.Client(ServiceNowAuthMode.Basic);
        var pageSizes = new List<int>();
        var visible = new List<string>();

        await foreach (var page in client.QueryPagesAsync("sys_user", ThousandPerPage, Ct))
        {
            pageSizes.Add(page.Records.Count);
            visible.AddRange(page.Records.Select(r => r.SysId));
        }

        Assert.All(pageSizes.SkipLast(1), size => Assert.True(size < 1_000));
        Assert.Equal(expected, visible);
    }

    [Fact]
    public async Task QueryAll_CancelledAfterFirstPage_StopsWithoutFetchingMore()
    {
        await Sandbox.SeedAsync(ExtraUsers, ct: Ct);
        var client = Host.Client(ServiceNowAuthMode.Basic);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var pages = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.QueryPagesAsync("sys_user", TableQuery.All with { PageSize = 100 }, cancellation.Token))
            {
                pages++;
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(1, pages);
        Assert.Single(await Host.RequestsAsync("/api/now/table/sys_user", Ct));
    }

    [Fact]
    public async Task QueryPage_CancelledWhileServerHangs_StopsPromptly()
    {
        await Sandbox.AddFaultAsync(new { pathPrefix = "/api/now/table/sys_user", method = "GET", hang = true, count = (int?)null }, Ct);
        var client = Host.Client(Host.Settings(ServiceNowAuthMode.Basic) with { PerCallTimeout = TimeSpan.FromSeconds(50) });
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));
        var started = TimeProvider.System.GetTimestamp();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.QueryPageAsync("sys_user", TableQuery.All, 0, cancellation.Token));

        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
    }
}
