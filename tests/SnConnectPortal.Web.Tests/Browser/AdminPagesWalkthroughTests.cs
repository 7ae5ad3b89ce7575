using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// An Admin reaches Settings, Users, the audit log, API keys and the message view from the navigation: nonsense and
/// too-long input is refused beside its field and never changed or cut, the audit log reads in words, the message search
/// works as one types, and an API key is shown once and works until revoked. Screenshots admin-*.png at 1360 and 390 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminPagesWalkthroughTests(SandboxPortalFixture fixture) : IClassFixture<SandboxPortalFixture>
{
    [Fact]
    public async Task Settings_OutOfRangeRetention_IsRefusedBesideTheField_AndNothingChanges()
    {
        var page = await fixture.AdminPageAsync();
        await PortalNavigation.OpenFromHomeAsync(page, "Settings");
        var days = page.GetByTestId("retention-days");
        var error = page.Locator("#error-retention-days");

        foreach (var nonsense in new[] { "-5", "99999999", "1.5" })
        {
            await days.FillAsync(nonsense);
            await days.PressAsync("Tab");
            await page.GetByTestId("retention-save").ClickAsync();
            await Assertions.Expect(error).ToContainTextAsync("from 0 (keep for ever) to 36,500");
            await Assertions.Expect(days).ToHaveValueAsync(nonsense);
            await Assertions.Expect(page.GetByTestId("retention-origin")).ToContainTextAsync("Now for 30 days: the configured default");
        }

        await PortalNavigation.ScreenshotsAsync(page, "admin-1-settings-refused");
        await days.FillAsync("7");
        await days.PressAsync("Tab");
        await page.GetByTestId("retention-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("retention-status")).ToContainTextAsync("Saved: messages are kept for 7 days.");
        await Assertions.Expect(error).ToHaveCountAsync(0);

        // The audit log says what changed in words: no JSON, no internal names.
        await page.Locator("nav[aria-label=Main]").GetByText("Audit log", new() { Exact = true }).ClickAsync();
        var audit = page.GetByTestId("audit-grid");
        await Assertions.Expect(audit).ToContainTextAsync("Message retention changed");
        await Assertions.Expect(audit).ToContainTextAsync("Days kept (0 = for ever): 30 → 7");
        await Assertions.Expect(audit).ToContainTextAsync("Portal user created");
        Assert.DoesNotContain("{\"", await audit.InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("PortalSetting", await audit.InnerTextAsync(), StringComparison.Ordinal);
        await PortalNavigation.ScreenshotsAsync(page, "admin-2-audit-log");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Users_AnEmptyEmail_GetsOneMessage_NotTwo()
    {
        var page = await fixture.AdminPageAsync();
        await PortalNavigation.OpenFromHomeAsync(page, "Users");

        await page.GetByTestId("new-user-password").FillAsync("long-enough-password");
        await page.Keyboard.PressAsync("Tab");
        await page.GetByTestId("new-user-submit").ClickAsync();

        await Assertions.Expect(page.Locator("#error-Email")).ToHaveTextAsync("Enter an email address.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Users_ADisplayNameOverTheLimit_IsRefusedBesideTheField_NotCut()
    {
        var page = await fixture.AdminPageAsync();
        await PortalNavigation.OpenFromHomeAsync(page, "Users");
        var longName = new string('n', 201);

        await page.GetByTestId("new-user-email").FillAsync("long.name@example.com");
        await page.GetByTestId("new-user-name").FillAsync(longName);
        await page.GetByTestId("new-user-password").FillAsync("long-enough-password");
        await page.Keyboard.PressAsync("Tab");
        await page.GetByTestId("new-user-submit").ClickAsync();

        await Assertions.Expect(page.Locator("#error-DisplayName")).ToHaveTextAsync("A display name has at most 200 characters.");
        await Assertions.Expect(page.GetByTestId("new-user-name")).ToHaveValueAsync(longName);
        await Assertions.Expect(page.GetByTestId("users-grid")).Not.ToContainTextAsync("long.name@example.com");
        await PortalNavigation.ScreenshotsAsync(page, "admin-3-users-name-too-long");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Wizard_AFiveThousandCharacterName_IsRefusedBesideTheField_NotCut()
    {
        var page = await fixture.AdminPageAsync();
        await PortalNavigation.OpenPortalAsync(page);
        await PortalNavigation.OpenNewConnectionWizardAsync(page);
        var name = new string('a', 5_000);

        await page.GetByTestId("conn-name").FillAsync(name);
        await page.GetByTestId("conn-name").PressAsync("Tab");
        await page.GetByTestId("use-sandbox").ClickAsync();
        await page.GetByTestId("wizard-next").ClickAsync();

        await Assertions.Expect(page.GetByTestId("error-Name")).ToHaveTextAsync("A name has at most 100 characters.");
        await Assertions.Expect(page.GetByTestId("conn-name")).ToHaveValueAsync(name);
        await Assertions.Expect(page.GetByTestId("step-authentication")).Not.ToBeVisibleAsync();
        await PortalNavigation.ScreenshotsAsync(page, "admin-5-wizard-name-too-long");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Messages_SearchWorksAsOneTypes_WithoutEnter()
    {
        var connection = AddConnection("Search as you type");
        AddMessage(connection, "INC0010001", "resp-inc");
        AddMessage(connection, "PRB0040001", "resp-prb");
        var page = await fixture.AdminPageAsync();
        await PortalNavigation.OpenFromHomeAsync(page, "Messages");
        var rows = page.GetByTestId("messages-grid").Locator("[data-response-id]");
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        await page.GetByTestId("filter-text").PressSequentiallyAsync("PRB004");

        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToHaveAttributeAsync("data-response-id", "resp-prb");
        await PortalNavigation.ScreenshotsAsync(page, "admin-4-message-search-as-you-type");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ApiKeys_ACreatedKey_IsShownOnce_WorksOverHttp_UntilRevoked()
    {
        var page = await fixture.AdminPageAsync();
        await PortalNavigation.OpenFromHomeAsync(page, "API keys");
        await page.GetByTestId("new-key-name").FillAsync("Walkthrough monitor");
        await page.GetByTestId("new-key-submit").ClickAsync();
        var shown = page.GetByTestId("new-key-value");
        await Assertions.Expect(shown).ToContainTextAsync("sncp_");
        var key = (await shown.InnerTextAsync()).Trim();
        await PortalNavigation.ScreenshotsAsync(page, "admin-6-api-key-created");
        using var monitor = new HttpClient { BaseAddress = fixture.Portal.BaseUrl };
        monitor.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await monitor.GetAsync("/health/details")).StatusCode);

        await page.GetByTestId("new-key-done").ClickAsync();
        await Assertions.Expect(shown).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke Walkthrough monitor" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();

        var grid = page.GetByTestId("api-keys-grid");
        await Assertions.Expect(grid.Locator("tr", new() { HasText = "Walkthrough monitor" })).ToContainTextAsync("Revoked");
        await PortalNavigation.ScreenshotsAsync(page, "admin-7-api-key-revoked");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await monitor.GetAsync("/health/details")).StatusCode);
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(key[14..], fixture.Portal.Output, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private long AddConnection(string name)
    {
        using var db = Open();
        using var command = db.CreateCommand();
        command.CommandText = """
            INSERT INTO Connections (Name, NormalizedName, InstanceUrl, TimeZone, Environment, AuthMode, Tables,
                OutboundRateLimitPeriod, Status, CreatedAt, CreatedBy, UpdatedAt, UpdatedBy)
            VALUES ($name, upper($name), 'https://acme.service-now.com/', 'UTC', 'Production', 'Basic', 'incident', 'Hour', 'Active',
                '2026-11-21 10:00:00', 'test', '2026-11-21 10:00:00', 'test')
            RETURNING Id
            """;
        command.Parameters.AddWithValue("$name", name);
        return (long)command.ExecuteScalar()!;
    }

    private void AddMessage(long connectionId, string number, string responseId)
    {
        using var db = Open();
        using var command = db.CreateCommand();
        command.CommandText = """
            INSERT INTO Messages (ReceivedAt, ConnectionId, Direction, Status, TableName, EventName, Number, ResponseId, Headers, Payload, PayloadBytes, AttemptCount)
            VALUES ($received, $connection, 'Inbound', 'Received', 'incident', 'insert', $number, $response, '{}', '{}', 2, 0)
            """;
        command.Parameters.AddWithValue("$connection", connectionId);
        command.Parameters.AddWithValue("$number", number);
        // Received just now, so that no retention the other tests set purges it.
        command.Parameters.AddWithValue("$received", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$response", responseId);
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(fixture.Portal.DataDirectory, "portal.db")};Pooling=False");
        connection.Open();
        return connection;
    }
}
