using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.UserDirectory;

namespace SnConnectPortal.Web.Tests.UserDirectory;

/// <summary>The sandbox with 25,000 extra users, shared by the import tests (each resets what it changes).</summary>
public sealed class LargeSandboxFixture : SandboxFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["ExtraUsers"] = "25000" };
}

[CollectionDefinition(Name)]
public sealed class LargeSandboxCollection : ICollectionFixture<LargeSandboxFixture>
{
    public const string Name = "Large sandbox";
}

/// <summary>Importing sys_user from the sandbox process over HTTP into a real SQLite file.</summary>
[Collection(LargeSandboxCollection.Name)]
public sealed class UserImportTests(LargeSandboxFixture fixture)
{
    [Fact]
    public async Task Import_FullThenIncremental_CountsChangesAndDeactivations()
    {
        await fixture.Sandbox.ResetAsync();
        await using var host = await DirectoryTestHost.StartAsync(fixture.Sandbox);

        var full = await host.ImportAsync(UserImportKind.Full);

        var expected = await host.SandboxSysIdsAsync();
        Assert.Equal(UserImportStatus.Completed, full.Status);
        Assert.True(expected.Count > 25_000, $"the sandbox should serve more than 25,000 users, served {expected.Count}");
        Assert.Equal(expected.Count, full.ProcessedCount);
        Assert.Equal(expected.Count, full.NewCount);
        Assert.Equal(0, full.ErrorCount);
        await using (var db = await host.DbAsync())
        {
            var stored = await db.ServiceNowUsers.Where(u => u.ConnectionId == host.ConnectionId).Select(u => u.SysId).ToListAsync();
            Assert.Equal(expected.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        }

        // An administrator changes 50 users and deactivates 10 others in ServiceNow.
        List<string> changed, deactivated;
        await using (var db = await host.DbAsync())
        {
            var active = await db.ServiceNowUsers.Where(u => u.ConnectionId == host.ConnectionId && u.Active)
                .OrderBy(u => u.Id).Select(u => u.SysId).Take(60).ToListAsync();
            changed = active.Take(50).ToList();
            deactivated = active.Skip(50).ToList();
        }

        foreach (var sysId in changed)
        {
            await host.PatchUserAsync(sysId, new { title = "Changed title " + sysId[..6] });
        }

        foreach (var sysId in deactivated)
        {
            await host.PatchUserAsync(sysId, new { active = "false" });
        }

        var incremental = await host.ImportAsync(UserImportKind.Incremental);

        Assert.Equal(UserImportStatus.Completed, incremental.Status);
        Assert.Equal(UserImportKind.Incremental, incremental.Kind);
        Assert.Equal(60, incremental.UpdatedCount);
        Assert.Equal(10, incremental.DeactivatedCount);
        Assert.Equal(0, incremental.NewCount);
        Assert.True(incremental.ProcessedCount < 1_000, $"an incremental run reads the changed users, not {incremental.ProcessedCount}");
        await using (var db = await host.DbAsync())
        {
            var users = await db.ServiceNowUsers.Where(u => u.ConnectionId == host.ConnectionId).ToListAsync();
            Assert.Equal(expected.Count, users.Count);
            Assert.All(users.Where(u => changed.Contains(u.SysId)), u => Assert.StartsWith("Changed title ", u.Title, StringComparison.Ordinal));
            Assert.All(users.Where(u => deactivated.Contains(u.SysId)), u => Assert.False(u.Active));
        }
    }

    [Fact]
    public async Task Import_InterruptedMidway_ResumesFromLastCommittedPage_WithoutDuplicatesOrGaps()
    {
        await fixture.Sandbox.ResetAsync();
        await using var host = await DirectoryTestHost.StartAsync(fixture.Sandbox, new Dictionary<string, string?>
        {
            ["Directory:InterruptedAfter"] = "00:00:00.001",
        });
        var runId = await NewRunAsync(host);

        // The worker stops after its fifth committed page, as a process that dies would: the run stays Running.
        using var crash = new CancellationTokenSource();
        var pages = 0;
        var interrupted = await host.Get<UserImporter>().RunAsync(runId, SettingsOf(host), _ =>
        {
            if (++pages == 5)
            {
                crash.Cancel();
            }
        }, CancellationToken.None, crash.Token);

        Assert.Equal(UserImportStatus.Running, interrupted.Status);
        var atCrash = await host.RunAsync(runId);
        await using (var db = await host.DbAsync())
        {
            Assert.Equal(atCrash.ProcessedCount, await db.ServiceNowUsers.CountAsync(u => u.ConnectionId == host.ConnectionId));
            Assert.InRange(atCrash.ProcessedCount, 5_000, 6_000);
        }

        // The portal starts again and finds the interrupted run.
        var coordinator = host.Get<UserImportCoordinator>();
        Assert.Equal(1, await coordinator.ResumeInterruptedAsync(CancellationToken.None));
        await coordinator.WhenIdleAsync(host.ConnectionId).WaitAsync(TimeSpan.FromMinutes(3));

        var finished = await host.RunAsync(runId);
        var expected = await host.SandboxSysIdsAsync();
        Assert.Equal(UserImportStatus.Completed, finished.Status);
        Assert.Equal(expected.Count, finished.ProcessedCount);
        Assert.Equal(expected.Count, finished.NewCount);
        await using (var db = await host.DbAsync())
        {
            var stored = await db.ServiceNowUsers.Where(u => u.ConnectionId == host.ConnectionId).Select(u => u.SysId).ToListAsync();
            Assert.Equal(stored.Count, stored.Distinct().Count());
            Assert.Equal(expected.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Import_CancelledByOperator_IsRecordedAsCancelled_AndKeepsCommittedPages()
    {
        await fixture.Sandbox.ResetAsync();
        await using var host = await DirectoryTestHost.StartAsync(fixture.Sandbox, new Dictionary<string, string?>
        {
            ["Directory:ImportPageSize"] = "200",
        });
        var coordinator = host.Get<UserImportCoordinator>();
        var firstPage = new TaskCompletionSource();
        coordinator.ProgressChanged += p => firstPage.TrySetResult();

        var start = await coordinator.StartAsync(DirectoryTestHost.Operator, host.ConnectionId, UserImportKind.Full, CancellationToken.None);
        await firstPage.Task.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Null(await coordinator.CancelAsync(DirectoryTestHost.Operator, host.ConnectionId, CancellationToken.None));
        await coordinator.WhenIdleAsync(host.ConnectionId).WaitAsync(TimeSpan.FromMinutes(1));

        var run = await host.RunAsync(start.Value!.RunId);
        Assert.Equal(UserImportStatus.Cancelled, run.Status);
        Assert.NotNull(run.FinishedAt);
        await using var db = await host.DbAsync();
        Assert.Equal(run.ProcessedCount, await db.ServiceNowUsers.CountAsync(u => u.ConnectionId == host.ConnectionId));
        Assert.True(run.ProcessedCount < 25_000);
        Assert.Contains(await db.AuditEntries.Select(a => a.Action).ToListAsync(), a => a == "userimport.cancelled");
    }

    [Fact]
    public async Task Import_UsersHiddenOrGone_AreMarkedMissing_NotDeleted_AndAclShortPagesDoNotStopIt()
    {
        await fixture.Sandbox.ResetAsync();
        await using var host = await DirectoryTestHost.StartAsync(fixture.Sandbox);
        var first = await host.ImportAsync(UserImportKind.Full);

        // Every 3rd user disappears from the integration user's view: ACL-filtered pages come back short.
        await fixture.Sandbox.ConfigureAsync(new { aclHideEveryNthUser = 3 });
        var visible = await host.SandboxSysIdsAsync();
        var second = await host.ImportAsync(UserImportKind.Full);
        await fixture.Sandbox.ResetAsync();

        Assert.Equal(UserImportStatus.Completed, second.Status);
        Assert.Equal(visible.Count, second.ProcessedCount);
        Assert.Equal(first.ProcessedCount - visible.Count, second.DeactivatedCount);
        await using var db = await host.DbAsync();
        var users = await db.ServiceNowUsers.Where(u => u.ConnectionId == host.ConnectionId).ToListAsync();
        Assert.Equal(first.ProcessedCount, users.Count);
        Assert.All(users, u => Assert.Equal(!visible.Contains(u.SysId), u.MissingSince is not null));
    }

    [Fact]
    public async Task Import_AsViewer_IsRefused()
    {
        await using var host = await DirectoryTestHost.StartAsync(fixture.Sandbox);

        var start = await host.Get<UserImportCoordinator>().StartAsync(DirectoryTestHost.Viewer, host.ConnectionId, UserImportKind.Full, CancellationToken.None);

        Assert.Equal(ServiceFailure.Forbidden, start.Failure);
        Assert.Equal(DirectoryRoles.NotAllowed, start.ErrorText);
        await using var db = await host.DbAsync();
        Assert.Empty(await db.UserImportRuns.ToListAsync());
    }

    [Fact]
    public async Task Import_WhenItEnds_FreesItsConnectionBeforeAnnouncingTheEnd()
    {
        await fixture.Sandbox.ResetAsync();
        await using var host = await DirectoryTestHost.StartAsync(fixture.Sandbox);
        await fixture.Sandbox.AddFaultAsync(new { pathPrefix = "/api/now/table/sys_user", status = 403, count = 100 });
        var coordinator = host.Get<UserImportCoordinator>();
        var runningWhenAnnounced = new TaskCompletionSource<bool>();
        coordinator.ProgressChanged += p =>
        {
            if (p.Status != UserImportStatus.Running)
            {
                runningWhenAnnounced.TrySetResult(coordinator.IsRunning(p.ConnectionId));
            }
        };

        await host.ImportAsync(UserImportKind.Full);
        await fixture.Sandbox.ClearFaultsAsync();

        // A page that enables its import buttons on the news must be able to start the next import at once.
        Assert.False(await runningWhenAnnounced.Task.WaitAsync(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Import_InstanceFails_RunIsFailedWithTheReason()
    {
        await fixture.Sandbox.ResetAsync();
        await using var host = await DirectoryTestHost.StartAsync(fixture.Sandbox);
        await fixture.Sandbox.AddFaultAsync(new { pathPrefix = "/api/now/table/sys_user", status = 403, count = 100 });

        var run = await host.ImportAsync(UserImportKind.Full);
        await fixture.Sandbox.ClearFaultsAsync();

        Assert.Equal(UserImportStatus.Failed, run.Status);
        Assert.False(string.IsNullOrWhiteSpace(run.Error));
        Assert.Equal(0, run.ProcessedCount);
    }

    private static async Task<long> NewRunAsync(DirectoryTestHost host)
    {
        await using var db = await host.DbAsync();
        var run = new UserImportRun
        {
            ConnectionId = host.ConnectionId,
            Kind = UserImportKind.Full,
            Status = UserImportStatus.Running,
            StartedBy = "test",
            StartedAt = DateTime.UtcNow,
            HeartbeatAt = DateTime.UtcNow,
            CursorPhase = UserImportCursor.After,
        };
        db.UserImportRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    private static SnConnectPortal.ServiceNow.ServiceNowConnectionSettings SettingsOf(DirectoryTestHost host) => new()
    {
        InstanceUrl = host.Sandbox.BaseUrl,
        UserName = "snc.integration",
        Password = "snc-integration-pw",
    };
}
