using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.Web.Features.Connections;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Features.SystemsCheck;

namespace SnConnectPortal.Web.Tests.Connections;

/// <summary>Saving, editing, secrets, status, audit and roles, through the services against a real SQLite file and the sandbox.</summary>
[Collection(ConnectionsCollection.Name)]
public sealed class ConnectionAdministrationTests(ConnectionsPortal portal)
{
    private static readonly System.Security.Claims.ClaimsPrincipal Admin = ConnectionsPortal.Principal(PortalRoles.Admin);

    [Fact]
    public async Task Save_NewConnection_StoresItAsUnverifiedWithItsSecretEncrypted()
    {
        var result = await portal.Administration.SaveAsync(Admin, portal.SandboxDraft("Save new"), CancellationToken.None);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        await using var db = await DbAsync();
        var connection = await db.Connections.Include(c => c.Secrets).SingleAsync(c => c.Id == result.Value);
        Assert.Equal(ConnectionStatus.Unverified, connection.Status);
        Assert.Equal(portal.Sandbox.BaseUrl.AbsoluteUri, connection.InstanceUrl);
        Assert.Equal("incident,sc_task", connection.Tables);
        var secret = Assert.Single(connection.Secrets);
        Assert.Equal(SecretKind.Password, secret.Kind);
        Assert.NotEqual(ConnectionsPortal.SandboxPassword, secret.ProtectedValue);
        Assert.Equal(ConnectionsPortal.SandboxPassword, Protector.Unprotect(connection.Id, SecretKind.Password, secret.ProtectedValue));
        Assert.False(portal.DatabaseFilesContain(ConnectionsPortal.SandboxPassword));
        Assert.True(await db.DataProtectionKeys.AnyAsync(), "the Data Protection key ring lives in the database");
    }

    [Fact]
    public async Task Save_NewConnection_IsAuditedWithItsSettingsAndNoSecretValue()
    {
        var result = await portal.Administration.SaveAsync(Admin, portal.SandboxDraft("Audit create"), CancellationToken.None);

        var entry = await SingleAuditAsync(result.Value, "connection.created");
        Assert.Equal(ConnectionsPortal.EmailOf(PortalRoles.Admin), entry.Actor);
        Assert.Contains("password set", entry.Details, StringComparison.Ordinal);
        Assert.Contains("Audit create", entry.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(ConnectionsPortal.SandboxPassword, entry.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortalRoles.Operator)]
    [InlineData(PortalRoles.Viewer)]
    public async Task Save_ByNonAdmin_IsRefusedAndStoresNothing(string role)
    {
        var result = await portal.Administration.SaveAsync(ConnectionsPortal.Principal(role), portal.SandboxDraft($"Refused {role}"), CancellationToken.None);

        Assert.Equal(["Only an Admin can create, change or delete connections."], result.Errors);
        await using var db = await DbAsync();
        Assert.False(await db.Connections.AnyAsync(c => c.Name == $"Refused {role}"));
    }

    [Fact]
    public async Task Save_InvalidDraft_IsRefusedByTheServiceItself()
    {
        var draft = portal.SandboxDraft("Invalid");
        draft.InstanceAddress = "https://10.0.0.5/";
        draft.Tables = [];

        var result = await portal.Administration.SaveAsync(Admin, draft, CancellationToken.None);

        Assert.Contains(result.Errors, e => e.Contains("loopback or private network address", StringComparison.Ordinal));
        Assert.Contains("Choose at least one table to integrate.", result.Errors);
    }

    [Fact]
    public async Task Save_DuplicateName_IsRefused_UntilTheOtherIsDeleted()
    {
        var first = await portal.Administration.SaveAsync(Admin, portal.SandboxDraft("Twin"), CancellationToken.None);

        var duplicate = await portal.Administration.SaveAsync(Admin, portal.SandboxDraft("TWIN"), CancellationToken.None);
        await portal.Administration.DeleteAsync(Admin, first.Value, CancellationToken.None);
        var afterDelete = await portal.Administration.SaveAsync(Admin, portal.SandboxDraft("TWIN"), CancellationToken.None);

        Assert.Contains("Another connection is already named \"TWIN\". Choose another name.", duplicate.Errors);
        Assert.True(afterDelete.Succeeded, string.Join(" ", afterDelete.Errors));
    }

    [Fact]
    public async Task Edit_ChangedSettings_AreAuditedFieldByField()
    {
        var id = await CreateVerifiedAsync("Edit settings");
        var draft = (await portal.Queries.LoadDraftAsync(Admin, id, CancellationToken.None))!;
        draft.OutboundRateLimitCount = 30;
        draft.OutboundRateLimitPeriod = RateLimitPeriod.Second;
        draft.TimeZone = "America/New_York";

        var result = await portal.Administration.SaveAsync(Admin, draft, CancellationToken.None);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        var changes = JsonDocument.Parse((await SingleAuditAsync(id, "connection.changed")).Details!).RootElement.GetProperty("changes");
        Assert.Equal(
            [("TimeZone", "Europe/Amsterdam", "America/New_York"), ("OutboundRateLimit", "120 deliveries a minute", "30 deliveries a second")],
            changes.EnumerateArray().Select(c => (c.GetProperty("Field").GetString(), c.GetProperty("From").GetString(), c.GetProperty("To").GetString())));
        Assert.Equal(ConnectionStatus.Verified, (await portal.Queries.GetAsync(Admin, id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Edit_ScheduleAndPasswordExpiry_AreStoredAndAuditedWithFromAndTo_AndKeepTheStatus()
    {
        var id = await CreateVerifiedAsync("Edit schedule");
        var draft = (await portal.Queries.LoadDraftAsync(Admin, id, CancellationToken.None))!;
        draft.ScheduleChecks = true;
        draft.ScheduledCheckMinutes = 15;
        draft.PasswordExpiresOn = new DateTime(2027, 3, 1);

        var result = await portal.Administration.SaveAsync(Admin, draft, CancellationToken.None);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        var changes = JsonDocument.Parse((await SingleAuditAsync(id, "connection.changed")).Details!).RootElement.GetProperty("changes");
        Assert.Equal(
            [("ScheduledCheck", "Off: the Systems Check runs only when someone runs it", "Every 15 minutes"), ("PasswordExpiresOn", null, "2027-03-01")],
            changes.EnumerateArray().Select(c => (c.GetProperty("Field").GetString(), c.GetProperty("From").GetString(), c.GetProperty("To").GetString())));
        var details = (await portal.Queries.GetAsync(Admin, id, CancellationToken.None))!;
        Assert.Equal(15, details.ScheduledCheckMinutes);
        Assert.Equal(new DateOnly(2027, 3, 1), details.PasswordExpiresOn);
        Assert.Equal(ConnectionStatus.Verified, details.Status);
        var reloaded = (await portal.Queries.LoadDraftAsync(Admin, id, CancellationToken.None))!;
        Assert.True(reloaded.ScheduleChecks);
        Assert.Equal(15, reloaded.ScheduledCheckMinutes);
    }

    [Fact]
    public async Task Edit_WithoutNewSecret_KeepsTheStoredOne()
    {
        var id = await CreateVerifiedAsync("Keep secret");
        var draft = (await portal.Queries.LoadDraftAsync(Admin, id, CancellationToken.None))!;
        Assert.Empty(draft.NewSecrets);
        draft.OutboundRateLimitCount = 90;

        await portal.Administration.SaveAsync(Admin, draft, CancellationToken.None);
        await portal.RunSystemsCheckAsync(Admin, id);

        Assert.Equal(ConnectionStatus.Verified, (await portal.Queries.GetAsync(Admin, id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Edit_ReplacedSecret_IsStoredEncrypted_AuditedAsReplaced_AndTheConnectionIsUnverifiedUntilChecked()
    {
        var id = await CreateVerifiedAsync("Replace secret");
        var draft = (await portal.Queries.LoadDraftAsync(Admin, id, CancellationToken.None))!;
        draft.SetSecret(SecretKind.Password, "a-brand-new-password-value");

        await portal.Administration.SaveAsync(Admin, draft, CancellationToken.None);

        var details = (await SingleAuditAsync(id, "connection.changed")).Details!;
        Assert.Contains("password replaced", details, StringComparison.Ordinal);
        Assert.DoesNotContain("a-brand-new-password-value", details, StringComparison.Ordinal);
        Assert.False(portal.DatabaseFilesContain("a-brand-new-password-value"));
        var connection = (await portal.Queries.GetAsync(Admin, id, CancellationToken.None))!;
        Assert.Equal(ConnectionStatus.Unverified, connection.Status);
        Assert.Null(connection.LastCheckSucceeded);
        var check = await portal.RunSystemsCheckAsync(Admin, id);
        var checkedAfter = (await portal.Queries.GetAsync(Admin, id, CancellationToken.None))!;
        Assert.False(checkedAfter.LastCheckSucceeded);
        Assert.Equal(ConnectionStatus.Failing, checkedAfter.Status);
        Assert.Contains(check.Value!.Steps, s => s.Outcome == CheckOutcome.Fail && s.Seen.Contains("401", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Edit_NameTablesAndBehaviourOfAnActiveConnection_KeepItActive()
    {
        var id = await CreateVerifiedAsync("Active edit");
        await portal.Administration.ActivateAsync(Admin, id, CancellationToken.None);
        var draft = (await portal.Queries.LoadDraftAsync(Admin, id, CancellationToken.None))!;
        draft.Name = "Active edit renamed";
        draft.Tables = ["incident", "problem"];
        draft.LimitOutboundRate = false;
        draft.Environment = "Test";

        await portal.Administration.SaveAsync(Admin, draft, CancellationToken.None);

        var connection = (await portal.Queries.GetAsync(Admin, id, CancellationToken.None))!;
        Assert.Equal("Active edit renamed", connection.Name);
        Assert.Equal(ConnectionStatus.Active, connection.Status);
        Assert.True(connection.LastCheckSucceeded);
    }

    [Fact]
    public async Task Edit_AddressOfADisabledConnection_KeepsItDisabled_AndEnablingMakesItUnverified()
    {
        var id = await CreateVerifiedAsync("Disabled edit");
        await portal.Administration.SetDisabledAsync(Admin, id, disabled: true, CancellationToken.None);
        var draft = (await portal.Queries.LoadDraftAsync(Admin, id, CancellationToken.None))!;
        draft.UserName = "snc.readonly";
        draft.SetSecret(SecretKind.Password, "snc-readonly-pw");

        await portal.Administration.SaveAsync(Admin, draft, CancellationToken.None);
        var afterEdit = (await portal.Queries.GetAsync(Admin, id, CancellationToken.None))!.Status;
        await portal.Administration.SetDisabledAsync(Admin, id, disabled: false, CancellationToken.None);
        var afterEnable = (await portal.Queries.GetAsync(Admin, id, CancellationToken.None))!.Status;

        Assert.Equal((ConnectionStatus.Disabled, ConnectionStatus.Unverified), (afterEdit, afterEnable));
    }

    [Fact]
    public async Task Edit_SwitchingToClientCredentials_ErasesThePasswordAndUser()
    {
        var id = await CreateVerifiedAsync("Switch mode");
        var draft = (await portal.Queries.LoadDraftAsync(Admin, id, CancellationToken.None))!;
        draft.AuthMode = ServiceNowAuthMode.OAuthClientCredentials;
        draft.ClientId = "snc-portal";
        draft.SetSecret(SecretKind.ClientSecret, ConnectionsPortal.SandboxClientSecret);

        await portal.Administration.SaveAsync(Admin, draft, CancellationToken.None);
        await portal.RunSystemsCheckAsync(Admin, id);

        var connection = (await portal.Queries.GetAsync(Admin, id, CancellationToken.None))!;
        Assert.Equal([SecretKind.ClientSecret], connection.Credentials!.Secrets.Keys);
        Assert.Null(connection.Credentials.UserName);
        Assert.Equal(ConnectionStatus.Verified, connection.Status);
        var details = (await SingleAuditAsync(id, "connection.changed")).Details!;
        Assert.Contains("password removed", details, StringComparison.Ordinal);
        Assert.Contains("client secret set", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WrongPassword_MakesANewConnectionFailing_AndSaysWhatToFix()
    {
        var draft = portal.SandboxDraft("Wrong password");
        draft.SetSecret(SecretKind.Password, "not-the-password");
        var id = (await portal.Administration.SaveAsync(Admin, draft, CancellationToken.None)).Value;

        var check = await portal.RunSystemsCheckAsync(Admin, id);

        var connection = (await portal.Queries.GetAsync(Admin, id, CancellationToken.None))!;
        Assert.Equal(ConnectionStatus.Failing, connection.Status);
        Assert.Equal(ConnectionStatus.Failing, check.Value!.ConnectionStatus);
        Assert.False(connection.LastCheckSucceeded);
        Assert.StartsWith("Failed: ", connection.LastCheckSummary, StringComparison.Ordinal);
        var failed = Assert.Single(check.Value!.Steps, s => s.Outcome == CheckOutcome.Fail);
        Assert.Contains("401", failed.Seen, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(failed.Remedy));
    }

    [Fact]
    public async Task Check_ByOperator_IsAllowed_ByViewer_IsRefused()
    {
        var id = (await portal.Administration.SaveAsync(Admin, portal.SandboxDraft("Operator checks"), CancellationToken.None)).Value;

        var byViewer = await portal.RunSystemsCheckAsync(ConnectionsPortal.Principal(PortalRoles.Viewer), id);
        var byOperator = await portal.RunSystemsCheckAsync(ConnectionsPortal.Principal(PortalRoles.Operator), id);

        Assert.Equal("Only an Admin or an Operator can run the Systems Check.", byViewer.ErrorText);
        Assert.True(byOperator.Succeeded, byOperator.ErrorText);
        Assert.Equal(ConnectionStatus.Verified, (await portal.Queries.GetAsync(Admin, id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task DisableEnableActivate_MoveTheStatus_AndAreAudited()
    {
        var id = await CreateVerifiedAsync("Lifecycle");

        await portal.Administration.ActivateAsync(Admin, id, CancellationToken.None);
        var active = (await portal.Queries.GetAsync(Admin, id, CancellationToken.None))!.Status;
        await portal.Administration.SetDisabledAsync(Admin, id, disabled: true, CancellationToken.None);
        var disabled = (await portal.Queries.GetAsync(Admin, id, CancellationToken.None))!.Status;
        await portal.Administration.SetDisabledAsync(Admin, id, disabled: false, CancellationToken.None);
        var enabled = (await portal.Queries.GetAsync(Admin, id, CancellationToken.None))!.Status;

        Assert.Equal((ConnectionStatus.Active, ConnectionStatus.Disabled, ConnectionStatus.Verified), (active, disabled, enabled));
        await SingleAuditAsync(id, "connection.activated");
        await SingleAuditAsync(id, "connection.disabled");
        await SingleAuditAsync(id, "connection.enabled");
    }

    [Fact]
    public async Task Activate_AnUnverifiedConnection_IsRefused()
    {
        var id = (await portal.Administration.SaveAsync(Admin, portal.SandboxDraft("Activate draft"), CancellationToken.None)).Value;

        var result = await portal.Administration.ActivateAsync(Admin, id, CancellationToken.None);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task Delete_HidesTheConnection_ErasesItsSecrets_KeepsItsRow_AndIsAudited()
    {
        var id = await CreateVerifiedAsync("Delete me");
        var byOperator = await portal.Administration.DeleteAsync(ConnectionsPortal.Principal(PortalRoles.Operator), id, CancellationToken.None);

        var result = await portal.Administration.DeleteAsync(Admin, id, CancellationToken.None);

        Assert.False(byOperator.Succeeded);
        Assert.True(result.Succeeded);
        Assert.Null(await portal.Queries.GetAsync(Admin, id, CancellationToken.None));
        Assert.DoesNotContain(await portal.Queries.ListAsync(Admin, CancellationToken.None), c => c.Id == id);
        await using var db = await DbAsync();
        var row = await db.Connections.Include(c => c.Secrets).SingleAsync(c => c.Id == id);
        Assert.NotNull(row.DeletedAt);
        Assert.Empty(row.Secrets);
        await SingleAuditAsync(id, "connection.deleted");
    }

    [Theory]
    [InlineData(PortalRoles.Operator)]
    [InlineData(PortalRoles.Viewer)]
    public async Task Read_ByNonAdmin_ShowsTheConnectionButNoCredentials(string role)
    {
        var id = await CreateVerifiedAsync($"Read as {role}");
        var reader = ConnectionsPortal.Principal(role);

        var details = await portal.Queries.GetAsync(reader, id, CancellationToken.None);
        var draft = await portal.Queries.LoadDraftAsync(reader, id, CancellationToken.None);

        Assert.NotNull(details);
        Assert.Null(details.Credentials);
        Assert.Null(draft);
        Assert.Contains(await portal.Queries.ListAsync(reader, CancellationToken.None), c => c.Id == id);
    }

    private ConnectionSecretProtector Protector => portal.Services.GetRequiredService<ConnectionSecretProtector>();

    private async Task<long> CreateVerifiedAsync(string name)
    {
        var saved = await portal.Administration.SaveAsync(Admin, portal.SandboxDraft(name), CancellationToken.None);
        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors));
        await portal.RunSystemsCheckAsync(Admin, saved.Value);
        var status = (await portal.Queries.GetAsync(Admin, saved.Value, CancellationToken.None))!.Status;
        Assert.Equal(ConnectionStatus.Verified, status);
        return saved.Value;
    }

    private async Task<AuditEntry> SingleAuditAsync(long connectionId, string action)
    {
        await using var db = await DbAsync();
        var id = connectionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.AuditEntries.SingleAsync(e => e.EntityType == ConnectionAdministration.EntityType && e.EntityId == id && e.Action == action);
    }

    private Task<PortalDbContext> DbAsync() =>
        portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
}
