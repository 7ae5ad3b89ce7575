using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Inbound;
using SnConnectPortal.Web.Security;

using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Inbound;

/// <summary>A connection with a receiver password, created through the portal's own services.</summary>
public sealed record InboundTestEndpoint(long ConnectionId, string Key, string UserName, string Password)
{
    public string Path => "/api/inbound/" + Key;

    public AuthenticationHeaderValue Authorization => Basic(UserName, Password);

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}

public static class InboundTestData
{
    public static ClaimsPrincipal Admin { get; } = TestPrincipal.Of("ada@example.com", PortalRoles.Admin);

    public static ClaimsPrincipal Operator { get; } = TestPrincipal.Of("otto@example.com", PortalRoles.Operator);

    public static ClaimsPrincipal Viewer { get; } = TestPrincipal.Of("vera@example.com", PortalRoles.Viewer);


    public static async Task<long> CreateConnectionAsync(IServiceProvider services, string name = "Acme Production", string tables = "incident,problem")
    {
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var connection = new Connection
        {
            Name = name,
            NormalizedName = name.ToUpperInvariant(),
            InstanceUrl = "https://acme.service-now.com/",
            TimeZone = "Europe/Amsterdam",
            Environment = "Production",
            AuthMode = "Basic",
            Tables = tables,
            Status = ConnectionStatus.Active,
            CreatedBy = "test",
            UpdatedBy = "test",
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
        return connection.Id;
    }

    public static async Task<InboundTestEndpoint> CreateEndpointAsync(IServiceProvider services, string name = "Acme Production", string tables = "incident,problem")
    {
        var connectionId = await CreateConnectionAsync(services, name, tables);
        return await RotateAsync(services, connectionId);
    }

    public static async Task<InboundTestEndpoint> RotateAsync(IServiceProvider services, long connectionId)
    {
        var administration = services.GetRequiredService<InboundEndpointAdministration>();
        var generated = await administration.GeneratePasswordAsync(Admin, connectionId, CancellationToken.None);
        Assert.True(generated.Succeeded, generated.ErrorText);
        var view = await administration.GetAsync(connectionId, CancellationToken.None);
        Assert.NotNull(view);
        return new InboundTestEndpoint(connectionId, view.ConnectionKey!, view.UserName!, generated.Value!);
    }

    public static async Task<List<Message>> MessagesAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Messages.AsNoTracking().Include(m => m.Attachments).OrderBy(m => m.Id).ToListAsync();
    }

    public static string IncidentPayload(string number, string correlationId = "", string extra = "") =>
        $$$"""{"table":"incident","sys_id":"{{{Guid.NewGuid():N}}}","event":"insert","record":{"number":"{{{number}}}","correlation_id":"{{{correlationId}}}","short_description":"Printer on fire"{{{extra}}}}}""";
}
