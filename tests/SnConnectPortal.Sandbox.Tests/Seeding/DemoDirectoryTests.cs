using System.Net;
using System.Text.Json;
using SnConnectPortal.Sandbox.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Sandbox.Tests.Seeding;

/// <summary>With Sandbox:DemoDirectory (set by the portal when it starts the sandbox), a directory to try mapping on.</summary>
public sealed class DemoDirectoryTests
{
    [Fact]
    public async Task DemoDirectory_HasHundredsOfUsersWithDepartments_SomeInactiveLockedOutOrSharingANameOrEmail_TheSameOnEveryStart()
    {
        var first = await UsersAsync();
        var second = await UsersAsync();

        Assert.Equal(4 + 316, first.Count);
        Assert.Equal(first.Select(u => (u.UserName, u.Name, u.Email, u.Department, u.Active, u.LockedOut)),
            second.Select(u => (u.UserName, u.Name, u.Email, u.Department, u.Active, u.LockedOut)));
        var people = first.Where(u => u.Email.EndsWith("@acme.example", StringComparison.Ordinal)).ToList();
        Assert.Equal(316, people.Count);
        Assert.All(people, u => Assert.NotEqual("", u.Department));
        Assert.True(people.Select(u => u.Department).Distinct().Count() >= 8);
        Assert.InRange(people.Count(u => !u.Active), 10, 60);
        Assert.InRange(people.Count(u => u.LockedOut), 4, 30);
        Assert.True(people.GroupBy(u => u.Name).Count(g => g.Count() > 1) >= 5, "Some people share a name.");
        Assert.True(people.GroupBy(u => u.Email).Count(g => g.Count() > 1) >= 5, "Some people share an email.");
        Assert.Equal(people.Count, people.Select(u => u.UserName).Distinct().Count());
        Assert.Contains(people, u => (u.UserName, u.Name, u.Department) == ("amelia.hart", "Amelia Hart", "Finance"));
    }

    [Fact]
    public async Task WithoutDemoDirectory_TheSandboxKeepsItsFourUsers()
    {
        await using var sandbox = await SandboxProcess.StartAsync();

        Assert.Equal(4, (await UsersAsync(sandbox)).Count);
    }

    private static async Task<List<User>> UsersAsync()
    {
        await using var sandbox = await SandboxProcess.StartAsync(new Dictionary<string, string> { ["DemoDirectory"] = "true" });
        return await UsersAsync(sandbox);
    }

    private static async Task<List<User>> UsersAsync(SandboxProcess sandbox)
    {
        using var client = ServiceNowCalls.Client(sandbox);
        using var response = await client.GetAsync(ServiceNowCalls.Relative(
            "api/now/table/sys_user?sysparm_limit=1000&sysparm_query=ORDERBYuser_name&sysparm_fields=user_name,name,email,department.name,active,locked_out"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.ReadJsonAsync()).GetProperty("result");
        return result.EnumerateArray().Select(u => new User(
            Text(u, "user_name"), Text(u, "name"), Text(u, "email"), Text(u, "department.name"),
            Text(u, "active") == "true", Text(u, "locked_out") == "true")).ToList();
    }

    private static string Text(JsonElement row, string field) => row.TryGetProperty(field, out var value) ? value.GetString() ?? "" : "";

    private sealed record User(string UserName, string Name, string Email, string Department, bool Active, bool LockedOut);
}
