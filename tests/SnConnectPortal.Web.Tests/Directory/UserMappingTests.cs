using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.UserDirectory;

namespace SnConnectPortal.Web.Tests.UserDirectory;

/// <summary>Suggestions, accepting, manual mapping, conflicts and the resolver, on a real SQLite file.</summary>
public sealed class UserMappingTests
{
    private static async Task<Dictionary<string, long>> SeedDirectoryAsync(DirectoryTestHost host)
    {
        await using var db = await host.DbAsync();
        ServiceNowUser User(string sysId, string userName, string name, string email, bool active = true, bool lockedOut = false) => new()
        {
            ConnectionId = host.ConnectionId, SysId = sysId, UserName = userName, Name = name, Email = email, Active = active, LockedOut = lockedOut,
            NormalizedEmail = DirectoryText.Key(email), NormalizedUserName = DirectoryText.Key(userName), NormalizedName = DirectoryText.NameKey(name),
        };
        var users = new[]
        {
            User("a1", "ada.lovelace", "Ada Lovelace", "ada.lovelace@corp.example"),
            User("b1", "bob.inactive", "Bob Inactive", "bob@corp.example", active: false),
            User("j1", "john.smith1", "John Smith", "john1@corp.example"),
            User("j2", "john.smith2", "John Smith", "john2@corp.example"),
            User("g1", "grace", "Grace Hopper", "grace@corp.example"),
            User("l1", "lee.locked", "Lee Locked", "lee@corp.example", lockedOut: true),
        };
        db.ServiceNowUsers.AddRange(users);
        await db.SaveChangesAsync();
        return users.ToDictionary(u => u.SysId, u => u.Id);
    }

    private static async Task<long> AddHubUserAsync(DirectoryTestHost host, string name, string? email, string? userName = null, string? externalId = null)
    {
        var (id, errors) = await host.Get<HubUsers>().CreateAsync(DirectoryTestHost.Operator,
            new HubUserInput { DisplayName = name, Email = email, UserName = userName, ExternalId = externalId }, CancellationToken.None);
        Assert.True(id is not null, string.Join(" ", errors));
        return id.Value;
    }

    [Fact]
    public async Task Suggest_ThenAcceptAllAbove90_MapsOnlyConfidentMatches_AndAuditsEach()
    {
        await using var host = await DirectoryTestHost.StartAsync(null);
        var sn = await SeedDirectoryAsync(host);
        var ada = await AddHubUserAsync(host, "Ada L.", "ADA.LOVELACE@corp.example");
        var grace = await AddHubUserAsync(host, "G. Hopper", "grace.hopper@hub.example", userName: "Grace");
        var john = await AddHubUserAsync(host, "John Smith", "jsmith@hub.example");
        var bob = await AddHubUserAsync(host, "Bob", "bob@corp.example");
        var nobody = await AddHubUserAsync(host, "Nobody Known", "nobody@hub.example");
        var mappings = host.Get<UserMappings>();

        var suggested = await mappings.SuggestAsync(DirectoryTestHost.Operator, host.ConnectionId, CancellationToken.None);
        var accepted = await mappings.AcceptAllAsync(DirectoryTestHost.Operator, host.ConnectionId, 90, CancellationToken.None);

        Assert.Equal(4, suggested.Value);
        Assert.Equal(2, accepted.Value!.Accepted.Count);
        var page = await host.Get<MappingQueries>().PageAsync(host.ConnectionId, MappingFilter.All, null, 0, 50, CancellationToken.None);
        var rows = page.Rows.ToDictionary(r => r.HubUserId);
        Assert.Equal((sn["a1"], "Email", 100), (rows[ada].Mapped?.Id ?? 0, rows[ada].Method, rows[ada].Confidence ?? 0));
        Assert.Equal((sn["g1"], "UserName"), (rows[grace].Mapped?.Id ?? 0, rows[grace].Method));
        Assert.Null(rows[john].Mapped);
        Assert.Equal("FullName", rows[john].SuggestionRule);
        Assert.True(rows[john].SuggestionConfidence < 50);
        Assert.Equal((sn["b1"], 60), (rows[bob].Suggested?.Id ?? 0, rows[bob].SuggestionConfidence ?? 0));
        Assert.Equal("Unmapped", rows[nobody].State);
        await using var db = await host.DbAsync();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == "UserMapping" && a.Action == "usermapping.accepted"));
    }

    [Fact]
    public async Task AcceptAll_TwoHubUsersSuggestedForOneServiceNowUser_MapsOnlyTheBetterOne_AndDropsTheOtherSuggestion()
    {
        await using var host = await DirectoryTestHost.StartAsync(null);
        var sn = await SeedDirectoryAsync(host);
        var byEmail = await AddHubUserAsync(host, "Ada L.", "ada.lovelace@corp.example");
        var byUserName = await AddHubUserAsync(host, "A. Lovelace", "countess@hub.example", userName: "ada.lovelace");
        var grace = await AddHubUserAsync(host, "G. Hopper", "grace@corp.example");
        var mappings = host.Get<UserMappings>();
        await mappings.SuggestAsync(DirectoryTestHost.Operator, host.ConnectionId, CancellationToken.None);

        var plan = await mappings.PlanAcceptAllAsync(host.ConnectionId, 90, CancellationToken.None);
        var accepted = await mappings.AcceptAllAsync(DirectoryTestHost.Operator, host.ConnectionId, 90, CancellationToken.None);

        Assert.Equal([byEmail, grace], plan.Accepted.Select(s => s.HubUserId).Order());
        Assert.Equal((2, 1), (accepted.Value!.Accepted.Count, accepted.Value.LeftForAPerson));
        var queries = host.Get<MappingQueries>();
        Assert.Equal(0, (await queries.CountsAsync(host.ConnectionId, CancellationToken.None)).Conflicts);
        var rows = (await queries.PageAsync(host.ConnectionId, MappingFilter.All, null, 0, 50, CancellationToken.None)).Rows.ToDictionary(r => r.HubUserId);
        Assert.Equal(sn["a1"], rows[byEmail].Mapped?.Id);
        Assert.Equal(("Unmapped", null), (rows[byUserName].State, rows[byUserName].Suggested));
    }

    [Fact]
    public async Task AcceptAll_ATieForOneServiceNowUser_MapsNeither()
    {
        await using var host = await DirectoryTestHost.StartAsync(null);
        await SeedDirectoryAsync(host);
        var first = await AddHubUserAsync(host, "Ada (desk)", "ada.lovelace@corp.example", externalId: "desk-ada");
        var second = await AddHubUserAsync(host, "Ada (phone)", "ada.lovelace@corp.example", externalId: "phone-ada");
        var mappings = host.Get<UserMappings>();
        await mappings.SuggestAsync(DirectoryTestHost.Operator, host.ConnectionId, CancellationToken.None);

        var accepted = await mappings.AcceptAllAsync(DirectoryTestHost.Operator, host.ConnectionId, 90, CancellationToken.None);

        Assert.Equal((0, 2), (accepted.Value!.Accepted.Count, accepted.Value.LeftForAPerson));
        var counts = await host.Get<MappingQueries>().CountsAsync(host.ConnectionId, CancellationToken.None);
        Assert.Equal((0, 2), (counts.Mapped, counts.Suggested));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task MapByHand_OntoAServiceNowUserSuggestedForAnother_DropsThatStaleSuggestion()
    {
        await using var host = await DirectoryTestHost.StartAsync(null);
        var sn = await SeedDirectoryAsync(host);
        var suggested = await AddHubUserAsync(host, "Grace H.", "grace@corp.example");
        var other = await AddHubUserAsync(host, "Someone Else", "someone@hub.example");
        var mappings = host.Get<UserMappings>();
        await mappings.SuggestAsync(DirectoryTestHost.Operator, host.ConnectionId, CancellationToken.None);

        await mappings.MapAsync(DirectoryTestHost.Operator, host.ConnectionId, other, sn["g1"], CancellationToken.None);

        var rows = (await host.Get<MappingQueries>().PageAsync(host.ConnectionId, MappingFilter.All, null, 0, 50, CancellationToken.None)).Rows.ToDictionary(r => r.HubUserId);
        Assert.Equal(("Unmapped", null), (rows[suggested].State, rows[suggested].Suggested));
        Assert.Equal("Mapped", rows[other].State);
    }

    [Fact]
    public async Task Conflicts_TwoHubUsersOnOneServiceNowUser_AndInactiveOrLockedOutTarget_AreFlagged_UntilResolved()
    {
        await using var host = await DirectoryTestHost.StartAsync(null);
        var sn = await SeedDirectoryAsync(host);
        var first = await AddHubUserAsync(host, "Ada One", "one@hub.example");
        var second = await AddHubUserAsync(host, "Ada Two", "two@hub.example");
        var third = await AddHubUserAsync(host, "Bob", "b@hub.example");
        var fine = await AddHubUserAsync(host, "Grace", "g@hub.example");
        var locked = await AddHubUserAsync(host, "Lee", "lee@hub.example");
        var mappings = host.Get<UserMappings>();
        var queries = host.Get<MappingQueries>();
        await mappings.MapAsync(DirectoryTestHost.Operator, host.ConnectionId, first, sn["a1"], CancellationToken.None);
        await mappings.MapAsync(DirectoryTestHost.Operator, host.ConnectionId, second, sn["a1"], CancellationToken.None);
        await mappings.MapAsync(DirectoryTestHost.Operator, host.ConnectionId, third, sn["b1"], CancellationToken.None);
        await mappings.MapAsync(DirectoryTestHost.Operator, host.ConnectionId, fine, sn["g1"], CancellationToken.None);
        await mappings.MapAsync(DirectoryTestHost.Operator, host.ConnectionId, locked, sn["l1"], CancellationToken.None);

        var conflicts = await queries.PageAsync(host.ConnectionId, MappingFilter.Conflicts, null, 0, 50, CancellationToken.None);

        Assert.Equal([first, second, third, locked], conflicts.Rows.Select(r => r.HubUserId).Order());
        Assert.Contains("Another hub user is mapped to the same ServiceNow user.", conflicts.Rows.Single(r => r.HubUserId == first).Conflicts);
        Assert.Contains("The ServiceNow user is inactive.", conflicts.Rows.Single(r => r.HubUserId == third).Conflicts);
        Assert.Contains("locked out", conflicts.Rows.Single(r => r.HubUserId == locked).Conflicts.Single(), StringComparison.Ordinal);
        Assert.Equal("Conflict", conflicts.Rows.Single(r => r.HubUserId == locked).State);

        // Resolve: map the second Ada elsewhere by hand, unmap Bob and Lee.
        await mappings.MapAsync(DirectoryTestHost.Operator, host.ConnectionId, second, sn["j1"], CancellationToken.None);
        await mappings.UnmapAsync(DirectoryTestHost.Operator, host.ConnectionId, third, CancellationToken.None);
        await mappings.UnmapAsync(DirectoryTestHost.Operator, host.ConnectionId, locked, CancellationToken.None);

        Assert.Equal(0, (await queries.CountsAsync(host.ConnectionId, CancellationToken.None)).Conflicts);
        await using var db = await host.DbAsync();
        Assert.Equal(8, await db.AuditEntries.CountAsync(a => a.EntityType == "UserMapping" && (a.Action == "usermapping.mapped" || a.Action == "usermapping.unmapped")));
    }

    [Fact]
    public async Task Resolver_ReturnsSysId_OrTheReasonItCannot()
    {
        await using var host = await DirectoryTestHost.StartAsync(null);
        var sn = await SeedDirectoryAsync(host);
        var ada = await AddHubUserAsync(host, "Ada", "ada@hub.example", externalId: "agent-7");
        var bob = await AddHubUserAsync(host, "Bob", "bob@hub.example");
        await AddHubUserAsync(host, "Unmapped", "u@hub.example");
        var mappings = host.Get<UserMappings>();
        await mappings.MapAsync(DirectoryTestHost.Operator, host.ConnectionId, ada, sn["a1"], CancellationToken.None);
        await mappings.MapAsync(DirectoryTestHost.Operator, host.ConnectionId, bob, sn["b1"], CancellationToken.None);
        var resolver = host.Get<UserResolver>();

        var byExternalId = await resolver.ResolveAsync(host.ConnectionId, "agent-7", CancellationToken.None);
        var byEmail = await resolver.ResolveAsync(host.ConnectionId, "ADA@hub.example", CancellationToken.None);
        var inactive = await resolver.ResolveAsync(host.ConnectionId, "bob@hub.example", CancellationToken.None);
        var unmapped = await resolver.ResolveAsync(host.ConnectionId, "u@hub.example", CancellationToken.None);
        var unknown = await resolver.ResolveAsync(host.ConnectionId, "who@hub.example", CancellationToken.None);

        Assert.Equal((UserResolutionStatus.Resolved, "a1"), (byExternalId.Status, byExternalId.SysId));
        Assert.Equal("a1", byEmail.SysId);
        Assert.Equal(UserResolutionStatus.ServiceNowUserInactive, inactive.Status);
        Assert.Contains("inactive", inactive.Reason, StringComparison.Ordinal);
        Assert.Equal(UserResolutionStatus.NotMapped, unmapped.Status);
        Assert.Equal(UserResolutionStatus.UnknownHubUser, unknown.Status);

        // A change of mapping is seen at once, not after the cache expires.
        await mappings.UnmapAsync(DirectoryTestHost.Operator, host.ConnectionId, ada, CancellationToken.None);
        Assert.Equal(UserResolutionStatus.NotMapped, (await resolver.ResolveAsync(host.ConnectionId, "agent-7", CancellationToken.None)).Status);
    }

    [Fact]
    public async Task MapAndSuggest_AsViewer_AreRefused()
    {
        await using var host = await DirectoryTestHost.StartAsync(null);
        var sn = await SeedDirectoryAsync(host);
        var ada = await AddHubUserAsync(host, "Ada", "ada.lovelace@corp.example");
        var mappings = host.Get<UserMappings>();

        var map = await mappings.MapAsync(DirectoryTestHost.Viewer, host.ConnectionId, ada, sn["a1"], CancellationToken.None);
        var suggest = await mappings.SuggestAsync(DirectoryTestHost.Viewer, host.ConnectionId, CancellationToken.None);
        var create = await host.Get<HubUsers>().CreateAsync(DirectoryTestHost.Viewer, new HubUserInput { DisplayName = "X", Email = "x@example.com" }, CancellationToken.None);

        Assert.Equal(DirectoryRoles.NotAllowed, map.ErrorText);
        Assert.Equal(DirectoryRoles.NotAllowed, suggest.ErrorText);
        Assert.Equal([DirectoryRoles.NotAllowed], create.Errors.Select(e => e.Message));
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.UserMappings.CountAsync());
    }

    [Fact]
    public async Task Search_FindsByPartOfNameUserNameOrEmail_CaseInsensitive()
    {
        await using var host = await DirectoryTestHost.StartAsync(null);
        await SeedDirectoryAsync(host);

        var results = await host.Get<UserMappings>().SearchAsync(host.ConnectionId, "smith", 10, CancellationToken.None);
        var byEmail = await host.Get<UserMappings>().SearchAsync(host.ConnectionId, "GRACE@CORP", 10, CancellationToken.None);

        Assert.Equal(["j1", "j2"], results.Select(r => r.SysId));
        Assert.Equal(["g1"], byEmail.Select(r => r.SysId));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+SUM(A1)", "'+SUM(A1)")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("plain", "plain")]
    [InlineData(null, "")]
    public void SafeCell_PrefixesFormulaStarts(string? value, string expected) => Assert.Equal(expected, MappingQueries.SafeCell(value));
}
