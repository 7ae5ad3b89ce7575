using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Web.Features.ApiKeys;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.ApiKeys;

/// <summary>Creating and revoking keys: Admins only, input checked, only the hash stored, both audited.</summary>
public sealed class ApiKeyAdministrationTests(ApiKeyPortal portal) : IClassFixture<ApiKeyPortal>
{
    [Fact]
    public async Task Create_StoresOnlyTheHash_AndAuditsWithoutTheKey()
    {
        var created = await portal.CreateKeyAsync("stored hashed", expiresInDays: 90);

        var stored = await portal.WithDbAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == created.Id));
        var audit = await portal.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.Action == "apikey.created" && a.EntityId == created.Id.ToString()));
        Assert.Matches("^sncp_[a-z2-9]{8}_[A-Za-z0-9_-]{43}$", created.Key);
        Assert.Equal(created.Key[..13], stored.Prefix);
        Assert.Equal(ApiKeySecret.Hash(created.Key), stored.Hash);
        Assert.Equal(ApiKeyScopes.MonitorRead, stored.Scopes);
        Assert.Equal(ApiKeyPortal.AdminEmail, stored.CreatedBy);
        Assert.InRange(stored.ExpiresAt!.Value, DateTime.UtcNow.AddDays(89), DateTime.UtcNow.AddDays(91));
        Assert.Equal(ApiKeyPortal.AdminEmail, audit.Actor);
        Assert.Contains(stored.Prefix, audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Key[14..], audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ByOperator_IsForbidden()
    {
        var result = await portal.Administration.CreateAsync(TestPrincipal.Of("operator@example.com", PortalRoles.Operator),
            new NewApiKey { Name = "sneaky", Scopes = [ApiKeyScopes.MonitorRead] }, CancellationToken.None);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
    }

    [Theory]
    [InlineData("  ", ApiKeyScopes.MonitorRead, null, "Name", "Enter a name, e.g. the monitoring system that uses the key.")]
    [InlineData("x", "", null, "Scopes", "Choose at least one scope.")]
    [InlineData("x", "admin:everything", null, "Scopes", "Choose scopes from the list.")]
    [InlineData("x", ApiKeyScopes.MonitorRead, 0, "ExpiresInDays", "A key expires after 1 to 3,650 days, or never.")]
    [InlineData("x", ApiKeyScopes.MonitorRead, 3651, "ExpiresInDays", "A key expires after 1 to 3,650 days, or never.")]
    public async Task Create_WithBadInput_SaysWhyBesideTheField_AndStoresNothing(string name, string scope, int? days, string field, string message)
    {
        var before = await portal.WithDbAsync(db => db.ApiKeys.CountAsync());

        var result = await portal.Administration.CreateAsync(portal.Admin,
            new NewApiKey { Name = name, Scopes = scope.Length == 0 ? [] : [scope], ExpiresInDays = days }, CancellationToken.None);

        Assert.Equal(message, result.ErrorFor(field));
        Assert.Equal(before, await portal.WithDbAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task Create_ANameOverTheLimit_IsRefused_NotCut()
    {
        var result = await portal.Administration.CreateAsync(portal.Admin,
            new NewApiKey { Name = new string('n', 101), Scopes = [ApiKeyScopes.MonitorRead] }, CancellationToken.None);

        Assert.Equal("A name has at most 100 characters.", result.ErrorFor("Name"));
    }

    [Fact]
    public async Task Revoke_IsAudited_AndASecondRevokeIsAConflict()
    {
        var created = await portal.CreateKeyAsync("to revoke");

        var first = await portal.Administration.RevokeAsync(portal.Admin, created.Id, CancellationToken.None);
        var second = await portal.Administration.RevokeAsync(portal.Admin, created.Id, CancellationToken.None);

        Assert.True(first.Succeeded);
        Assert.Equal(ServiceFailure.Conflict, second.Failure);
        var listed = (await portal.Administration.ListAsync(CancellationToken.None)).Single(k => k.Id == created.Id);
        Assert.Equal((ApiKeyState.Revoked, ApiKeyPortal.AdminEmail), (listed.State, listed.RevokedBy));
        Assert.Equal(1, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "apikey.revoked" && a.EntityId == created.Id.ToString())));
    }

    [Fact]
    public async Task Revoke_ByViewer_IsForbidden()
    {
        var created = await portal.CreateKeyAsync("kept");

        var result = await portal.Administration.RevokeAsync(TestPrincipal.Of("viewer@example.com", PortalRoles.Viewer), created.Id, CancellationToken.None);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
    }
}
