using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Coordination;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Coordination;

/// <summary>The job lease of several nodes (here: several <see cref="JobLeases"/> with their own names) on a real SQLite file and a real PostgreSQL database.</summary>
public sealed class JobLeasesTests
{
    private const string Job = "test-job";
    private static readonly TimeSpan Term = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task TryTake_WhileAnotherNodeHoldsTheLease_NamesThatNode_UntilItLapses_ThenTakesItOver(string provider)
    {
        await using var database = await SharedDatabase.CreateAsync(provider);
        using var portal = new PortalFactory(database.NodeSettings());
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (a, nodeA) = Node(portal, clock);
        var (b, nodeB) = Node(portal, clock);

        var taken = await a.TryTakeAsync(Job, Term, CancellationToken.None);
        var refused = await b.TryTakeAsync(Job, Term, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(20));
        var renewed = await a.TryTakeAsync(Job, Term, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(20));
        var refusedAfterRenewal = await b.TryTakeAsync(Job, Term, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(10));
        var takenOver = await b.TryTakeAsync(Job, Term, CancellationToken.None);
        var refusedToA = await a.TryTakeAsync(Job, Term, CancellationToken.None);

        Assert.Equal(
            (null, nodeA.Name, null, nodeA.Name, null, nodeB.Name),
            (taken, refused, renewed, refusedAfterRenewal, takenOver, refusedToA));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task TryTake_ByManyNodesAtOnce_OnANewJob_IsWonByExactlyOne(string provider)
    {
        await using var database = await SharedDatabase.CreateAsync(provider);
        using var portal = new PortalFactory(database.NodeSettings());
        var nodes = Enumerable.Range(0, 6).Select(_ => Node(portal, TimeProvider.System)).ToList();

        var answers = await Task.WhenAll(nodes.Select(n => Task.Run(() => n.Leases.TryTakeAsync(Job, Term, CancellationToken.None))));

        var winner = Assert.Single(nodes.Zip(answers), x => x.Second is null).First.Identity.Name;
        Assert.All(answers.Where(a => a is not null), a => Assert.Equal(winner, a));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ReleaseAll_LetsAnotherNodeTakeTheJobsAtOnce_ButNotThoseOfOtherNodes(string provider)
    {
        await using var database = await SharedDatabase.CreateAsync(provider);
        using var portal = new PortalFactory(database.NodeSettings());
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (a, _) = Node(portal, clock);
        var (b, _) = Node(portal, clock);
        var (c, nodeC) = Node(portal, clock);
        Assert.Null(await a.TryTakeAsync("job-1", Term, CancellationToken.None));
        Assert.Null(await a.TryTakeAsync("job-2", Term, CancellationToken.None));
        Assert.Null(await c.TryTakeAsync("job-3", Term, CancellationToken.None));

        await a.ReleaseAllAsync(CancellationToken.None);

        Assert.Null(await b.TryTakeAsync("job-1", Term, CancellationToken.None));
        Assert.Null(await b.TryTakeAsync("job-2", Term, CancellationToken.None));
        Assert.Equal(nodeC.Name, await b.TryTakeAsync("job-3", Term, CancellationToken.None));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task RunAsync_RenewsTheLeaseWhileTheWorkRuns_AndAnotherNodeTakesTheJobOnceItStopsRenewing(string provider)
    {
        await using var database = await SharedDatabase.CreateAsync(provider);
        using var portal = new PortalFactory(database.NodeSettings());
        var (a, _) = Node(portal, TimeProvider.System, leaseSeconds: 3);
        var (b, _) = Node(portal, TimeProvider.System, leaseSeconds: 3);
        var bRanMeanwhile = new List<bool>();

        // Five seconds of work under a three-second lease: only the renewals (every second) keep node B out.
        var aRan = await a.RunAsync(Job, TimeSpan.Zero, async cancellationToken =>
        {
            for (var i = 0; i < 4; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1.25), cancellationToken);
                bRanMeanwhile.Add(await b.RunAsync(Job, TimeSpan.Zero, _ => Task.CompletedTask, cancellationToken));
            }
        }, CancellationToken.None);
        var bRanAtOnce = await b.RunAsync(Job, TimeSpan.Zero, _ => Task.CompletedTask, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var bRanAfterTheLeaseLapsed = await b.RunAsync(Job, TimeSpan.Zero, _ => Task.CompletedTask, CancellationToken.None);

        Assert.True(aRan);
        Assert.Equal([false, false, false, false], bRanMeanwhile);
        Assert.False(bRanAtOnce);
        Assert.True(bRanAfterTheLeaseLapsed);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task RunAsync_WhenAnotherNodeHasTakenTheLease_CancelsTheWork(string provider)
    {
        await using var database = await SharedDatabase.CreateAsync(provider);
        using var portal = new PortalFactory(database.NodeSettings());
        var (a, _) = Node(portal, TimeProvider.System, leaseSeconds: 3);
        var cancelled = false;

        var ran = await a.RunAsync(Job, TimeSpan.Zero, async cancellationToken =>
        {
            // Node A stalls past its lease, and node C takes the job meanwhile.
            await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken))
            {
                var until = DateTime.UtcNow.AddMinutes(5);
                await db.JobLeases.Where(l => l.Name == Job).ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, "node-c").SetProperty(l => l.ExpiresAt, until), cancellationToken);
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            }
            finally
            {
                cancelled = cancellationToken.IsCancellationRequested;
            }
        }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(ran);
        Assert.True(cancelled);
    }

    private static (JobLeases Leases, NodeIdentity Identity) Node(PortalFactory portal, TimeProvider clock, int leaseSeconds = 30)
    {
        var identity = new NodeIdentity();
        var leases = new JobLeases(portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), identity,
            Options.Create(new CoordinationOptions { LeaseSeconds = leaseSeconds }), clock, NullLogger<JobLeases>.Instance);
        return (leases, identity);
    }
}
