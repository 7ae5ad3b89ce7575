using SnConnectPortal.Web.Features.Administration;
using SnConnectPortal.Web.Tests.UserDirectory;
using SnConnectPortal.Web.Features.UserDirectory;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Tests.Audit;

/// <summary>The audit query resolves the ids its entries carry to today's names, on a real SQLite file.</summary>
public sealed class AuditQueryTests
{
    [Fact]
    public async Task Read_AMappingMadeByHand_ShowsTheConnectionHubUserAndServiceNowUserByName()
    {
        await using var host = await DirectoryTestHost.StartAsync(null);
        long serviceNowUserId;
        await using (var db = await host.DbAsync())
        {
            var user = new ServiceNowUser
            {
                ConnectionId = host.ConnectionId, SysId = "a1", UserName = "ada.lovelace", Name = "Ada Lovelace", Email = "ada@corp.example", Active = true,
                NormalizedEmail = "ADA@CORP.EXAMPLE", NormalizedUserName = "ADA.LOVELACE", NormalizedName = "ADA LOVELACE",
            };
            db.ServiceNowUsers.Add(user);
            await db.SaveChangesAsync();
            serviceNowUserId = user.Id;
        }

        var (hubUser, _) = await host.Get<HubUsers>().CreateAsync(DirectoryTestHost.Operator, new HubUserInput { DisplayName = "Ada L.", Email = "ada@hub.example" }, CancellationToken.None);
        await host.Get<UserMappings>().MapAsync(DirectoryTestHost.Operator, host.ConnectionId, hubUser!.Value, serviceNowUserId, CancellationToken.None);

        var (page, _) = await host.Get<AuditQuery>().ReadAsync(new AuditFilter(EntityType: "UserMapping"), 0, 10, CancellationToken.None);

        var row = Assert.Single(page);
        Assert.Equal(("Mapped by hand", "Hub user Ada L. on “Sandbox”"), (row.Action, row.What));
        Assert.Equal(["ServiceNow user: (none) → Ada Lovelace (ada.lovelace)", "Method: Manual"], row.Details);
    }
}
