using System.Text;
using Microsoft.EntityFrameworkCore;

namespace SnConnectPortal.Web.Tests.UserDirectory;

/// <summary>Importing the hub's users from CSV: good rows kept, every bad row reported with its line.</summary>
public sealed class HubUserCsvTests
{
    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task ImportCsv_GoodAndBadRows_KeepsGoodRows_ReportsEachBadRowWithItsLine()
    {
        await using var host = await DirectoryTestHost.StartAsync(null);
        const string csv = """
            external_id,display_name,email,user_name
            hub-1,Ada Lovelace,ada@example.com,ada
            hub-2,,,
            hub-3,Bad Email,not-an-email,
            hub-1,Duplicate,dup@example.com,
            ,Grace Hopper,grace@example.com,
            hub-5,"Broken quote,x@example.com,
            hub-6,"=HYPERLINK(""http://evil.example"")",eve@example.com,eve
            """;

        var result = await host.Get<Web.Features.UserDirectory.HubUsers>().ImportCsvAsync(DirectoryTestHost.Operator, Csv(csv), CancellationToken.None);

        Assert.Null(result.FileError);
        Assert.Equal(3, result.Added);
        Assert.Equal([3, 4, 5, 7], result.Errors.Select(e => e.Line).Order());
        Assert.Contains("display name or an email", result.Errors.Single(e => e.Line == 3).Message, StringComparison.Ordinal);
        Assert.Contains("not an email address", result.Errors.Single(e => e.Line == 4).Message, StringComparison.Ordinal);
        Assert.Contains("as line 2", result.Errors.Single(e => e.Line == 5).Message, StringComparison.Ordinal);
        Assert.Contains("not valid CSV", result.Errors.Single(e => e.Line == 7).Message, StringComparison.Ordinal);
        await using var db = await host.DbAsync();
        var names = await db.HubUsers.OrderBy(h => h.Id).Select(h => h.DisplayName).ToListAsync();
        Assert.Equal(["Ada Lovelace", "Grace Hopper", "=HYPERLINK(\"http://evil.example\")"], names);
    }

    [Fact]
    public async Task ImportCsv_KnownExternalIdOrEmail_UpdatesInsteadOfDuplicating()
    {
        await using var host = await DirectoryTestHost.StartAsync(null);
        var hubUsers = host.Get<Web.Features.UserDirectory.HubUsers>();
        await hubUsers.ImportCsvAsync(DirectoryTestHost.Operator, Csv("external_id,display_name,email\nhub-1,Ada,ada@example.com\n,Grace,grace@example.com\n"), CancellationToken.None);

        var again = await hubUsers.ImportCsvAsync(DirectoryTestHost.Operator, Csv("Display Name;Email;External_ID\nAda Lovelace;ada@example.com;hub-1\nGrace Hopper;GRACE@example.com;\n"), CancellationToken.None);

        Assert.Equal((0, 2), (again.Added, again.Updated));
        Assert.Empty(again.Errors);
        await using var db = await host.DbAsync();
        Assert.Equal(["Ada Lovelace", "Grace Hopper"], await db.HubUsers.OrderBy(h => h.Id).Select(h => h.DisplayName).ToListAsync());
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("foo,bar\n1,2\n", "must name at least display_name or email")]
    public async Task ImportCsv_UnusableFile_IsRejectedWithTheReason(string csv, string reason)
    {
        await using var host = await DirectoryTestHost.StartAsync(null);

        var result = await host.Get<Web.Features.UserDirectory.HubUsers>().ImportCsvAsync(DirectoryTestHost.Operator, Csv(csv), CancellationToken.None);

        Assert.Contains(reason, result.FileError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportCsv_OverTheSizeLimit_KeepsTheRowsBeforeIt_AndSaysSo()
    {
        await using var host = await DirectoryTestHost.StartAsync(null, new Dictionary<string, string?> { ["Directory:MaxCsvBytes"] = "200000" });
        var text = new StringBuilder("display_name,email\n");
        for (var i = 0; i < 20_000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"User {i},user{i}@example.com\n");
        }

        var result = await host.Get<Web.Features.UserDirectory.HubUsers>().ImportCsvAsync(DirectoryTestHost.Operator, Csv(text.ToString()), CancellationToken.None);

        Assert.Contains(result.Errors, e => e.Message.Contains("larger than", StringComparison.Ordinal));
        Assert.InRange(result.Added, 1, 19_999);
        await using var db = await host.DbAsync();
        Assert.Equal(result.Added, await db.HubUsers.CountAsync());
    }

    [Fact]
    public async Task ImportCsv_AsViewer_IsRefused_AndNothingIsStored()
    {
        await using var host = await DirectoryTestHost.StartAsync(null);

        var result = await host.Get<Web.Features.UserDirectory.HubUsers>().ImportCsvAsync(DirectoryTestHost.Viewer, Csv("display_name,email\nA,a@example.com\n"), CancellationToken.None);

        Assert.Equal(Web.Features.UserDirectory.DirectoryRoles.NotAllowed, result.FileError);
        await using var db = await host.DbAsync();
        Assert.Equal(0, await db.HubUsers.CountAsync());
    }
}
