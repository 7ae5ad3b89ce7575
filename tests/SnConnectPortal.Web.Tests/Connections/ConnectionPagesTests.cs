using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.Web.Features.Administration;
using SnConnectPortal.Web.Features.Connections;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Connections;

/// <summary>The connection pages over HTTP: who may open which, and what their rendered HTML holds.</summary>
[Collection(ConnectionsCollection.Name)]
public sealed class ConnectionPagesTests(ConnectionsPortal portal)
{
    public static TheoryData<string, bool> WizardAccess => new()
    {
        { PortalRoles.Admin, true },
        { PortalRoles.Operator, false },
        { PortalRoles.Viewer, false },
    };

    [Theory]
    [MemberData(nameof(WizardAccess))]
    public async Task Wizard_IsServedToAdminsOnly(string role, bool allowed)
    {
        var id = await CreateAsync($"Wizard access {role}", ServiceNowAuthMode.Basic);

        var create = await portal.Clients[role].GetAsync("/connections/new");
        var edit = await portal.Clients[role].GetAsync($"/connections/{id}/edit?step=2");

        foreach (var response in new[] { create, edit })
        {
            if (allowed)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/account/access-denied", Redirects.PathOf(response), StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData(PortalRoles.Admin)]
    [InlineData(PortalRoles.Operator)]
    [InlineData(PortalRoles.Viewer)]
    public async Task ListAndDetail_AreServedToEveryRole(string role)
    {
        var id = await CreateAsync($"Visible to {role}", ServiceNowAuthMode.Basic);

        var list = await portal.Clients[role].GetStringAsync("/connections");
        var detail = await portal.Clients[role].GetStringAsync($"/connections/{id}");

        Assert.Contains($"Visible to {role}", list, StringComparison.Ordinal);
        Assert.Contains($"Visible to {role}", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortalRoles.Operator)]
    [InlineData(PortalRoles.Viewer)]
    public async Task Detail_ForNonAdmin_ShowsNoCredentials(string role)
    {
        var id = await CreateAsync($"No credentials for {role}", ServiceNowAuthMode.OAuthPassword);

        var html = await portal.Clients[role].GetStringAsync($"/connections/{id}");

        Assert.Contains("Only Admins see who the connection signs in as.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("snc.integration", html, StringComparison.Ordinal);
        Assert.DoesNotContain("snc-portal", html, StringComparison.Ordinal);
        Assert.DoesNotContain("set on", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_ForAdmin_ShowsWhenEachSecretWasSet_NeverItsValue()
    {
        var id = await CreateAsync("Admin sees dates", ServiceNowAuthMode.OAuthPassword);

        var detail = await portal.Clients[PortalRoles.Admin].GetStringAsync($"/connections/{id}");
        var edit = await portal.Clients[PortalRoles.Admin].GetStringAsync($"/connections/{id}/edit?step=2");

        Assert.Contains("data-testid=\"detail-secret-ClientSecret\"", detail, StringComparison.Ordinal);
        Assert.Contains($"by {ConnectionsPortal.EmailOf(PortalRoles.Admin)} <a", detail, StringComparison.Ordinal);
        Assert.Contains("snc.integration", detail, StringComparison.Ordinal);
        foreach (var html in new[] { detail, edit })
        {
            Assert.DoesNotContain(ConnectionsPortal.SandboxPassword, html, StringComparison.Ordinal);
            Assert.DoesNotContain(ConnectionsPortal.SandboxClientSecret, html, StringComparison.Ordinal);
        }
    }

    /// <summary>The audit grid loads its rows once interactive, through <see cref="AuditQuery"/>: what it shows is read there.</summary>
    [Fact]
    public async Task AuditLog_ShowsConnectionChanges_WithoutSecretValues()
    {
        var id = await CreateAsync("Audited over HTTP", ServiceNowAuthMode.Basic);
        var draft = (await portal.Queries.LoadDraftAsync(ConnectionsPortal.Principal(PortalRoles.Admin), id, CancellationToken.None))!;
        draft.SetSecret(SecretKind.Password, "replacement-password-for-audit");
        await portal.Administration.SaveAsync(ConnectionsPortal.Principal(PortalRoles.Admin), draft, CancellationToken.None);

        var (rows, _) = await portal.Services.GetRequiredService<AuditQuery>()
            .ReadAsync(new AuditFilter(), skip: 0, take: 500, CancellationToken.None);
        var shown = string.Join('\n', rows.Select(r => $"{r.Action} {r.What} {string.Join(' ', r.Details)}"));

        Assert.Contains("Connection created", shown, StringComparison.Ordinal);
        Assert.Contains("Audited over HTTP", shown, StringComparison.Ordinal);
        Assert.Contains("password replaced", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("replacement-password-for-audit", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(ConnectionsPortal.SandboxPassword, shown, StringComparison.Ordinal);
    }

    private async Task<long> CreateAsync(string name, ServiceNowAuthMode mode)
    {
        var result = await portal.Administration.SaveAsync(ConnectionsPortal.Principal(PortalRoles.Admin), portal.SandboxDraft(name, mode), CancellationToken.None);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        return result.Value;
    }
}
