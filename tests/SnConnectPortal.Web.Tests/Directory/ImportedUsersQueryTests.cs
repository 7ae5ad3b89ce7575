using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.UserDirectory;

namespace SnConnectPortal.Web.Tests.UserDirectory;

/// <summary>Browsing a connection's imported ServiceNow users: searched and paged in the database, by name.</summary>
public sealed class ImportedUsersQueryTests
{
    [Fact]
    public async Task Page_SearchesNameUserNameEmailAndDepartment_PagedByName()
    {
        await using var host = await DirectoryTestHost.StartAsync(null);
        var other = await host.AddConnectionAsync("Other");
        await using (var db = await host.DbAsync())
        {
            ServiceNowUser User(long connection, string userName, string name, string email, string department, bool active = true) => new()
            {
                ConnectionId = connection, SysId = userName, UserName = userName, Name = name, Email = email, Department = department, Active = active,
                NormalizedEmail = DirectoryText.Key(email), NormalizedUserName = DirectoryText.Key(userName), NormalizedName = DirectoryText.NameKey(name),
            };
            db.ServiceNowUsers.AddRange(
                User(host.ConnectionId, "zoe.finance", "Zoe Adams", "zoe@corp.example", "Finance"),
                User(host.ConnectionId, "ada.it", "Ada Brown", "ada@corp.example", "IT Service Desk"),
                User(host.ConnectionId, "bob.fin", "Bob Clark", "bob@corp.example", "Finance", active: false),
                User(other, "zed.finance", "Zed Elsewhere", "zed@corp.example", "Finance"));
            await db.SaveChangesAsync();
        }

        var query = host.Get<ImportedUsersQuery>();
        var all = await query.PageAsync(host.ConnectionId, null, 0, 10, CancellationToken.None);
        var secondPage = await query.PageAsync(host.ConnectionId, null, 2, 2, CancellationToken.None);
        var finance = await query.PageAsync(host.ConnectionId, "finance", 0, 10, CancellationToken.None);
        var byEmail = await query.PageAsync(host.ConnectionId, "ADA@CORP", 0, 10, CancellationToken.None);

        Assert.Equal(["Ada Brown", "Bob Clark", "Zoe Adams"], all.Rows.Select(r => r.Name));
        Assert.Equal(3, all.Total);
        Assert.Equal(("Zoe Adams", 3), (Assert.Single(secondPage.Rows).Name, secondPage.Total));
        Assert.Equal(["Bob Clark", "Zoe Adams"], finance.Rows.Select(r => r.Name));
        Assert.False(finance.Rows[0].Active);
        Assert.Equal("IT Service Desk", Assert.Single(byEmail.Rows).Department);
    }
}
