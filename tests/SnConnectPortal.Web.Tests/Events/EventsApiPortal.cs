using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.ApiKeys;
using SnConnectPortal.Web.Features.UserDirectory;
using SnConnectPortal.Web.Tests.Infrastructure;
using SnConnectPortal.Web.Tests.Inbound;
using SnConnectPortal.Web.Tests.Outbound;

namespace SnConnectPortal.Web.Tests.Events;

/// <summary>
/// One sandbox process and one portal (in-process, on its own SQLite file, its delivery worker running) shared by the
/// events API tests, with an <c>events:write</c> key, a <c>monitor:read</c> key, the connection "Sandbox outbound"
/// (table incident) and the hub user agent-7 mapped to the sandbox's admin. Tests use fresh event ids, so they never
/// see each other's messages.
/// </summary>
public sealed class EventsApiPortal : IAsyncLifetime
{
    public const string ConnectionName = "Sandbox outbound";
    public const string MappedHubUser = "agent-7";

    /// <summary>Small enough for a test to exceed cheaply, large enough for a batch of 1,001 small events.</summary>
    public const int MaxRequestBytes = 200_000;

    /// <summary>Below <see cref="MaxRequestBytes"/>, so that an attachment over it fits in a request.</summary>
    public const int MaxAttachmentBytes = 50_000;

    private readonly SandboxFixture _sandbox = new();

    public OutboundTestHost Host { get; private set; } = default!;

    public SandboxProcess Sandbox => _sandbox.Sandbox;

    public string WriterKey { get; private set; } = default!;

    public string MonitorKey { get; private set; } = default!;

    /// <summary>The sys_id of the sandbox user agent-7 is mapped to.</summary>
    public string MappedSysId { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await _sandbox.InitializeAsync();
        Host = await OutboundTestHost.StartAsync(Sandbox.BaseUrl, new Dictionary<string, string?>
        {
            // Backoff stays short (at most 0.4 s) but an update may wait for its create over a few seconds.
            ["Outbound:MaxAttempts"] = "30",
            ["Events:MaxRequestBytes"] = MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Events:MaxAttachmentBytes"] = MaxAttachmentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        WriterKey = await CreateKeyAsync(Host, "event sender", ApiKeyScopes.EventsWrite);
        MonitorKey = await CreateKeyAsync(Host, "monitor", ApiKeyScopes.MonitorRead);
        MappedSysId = await MapHubUserToSandboxAdminAsync();
    }

    public HttpClient KeyClient(string? key) => KeyClient(Host.Factory, key);

    /// <summary>A client of the portal that sends the key (or none) and no cookie.</summary>
    public static HttpClient KeyClient(PortalFactory portal, string? key)
    {
        var client = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("https://localhost"),
        });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(object body, string? key = null) =>
        PostAsync(Host, key ?? WriterKey, body);

    /// <summary>Posts to the events API of <paramref name="host"/> with the key; the answer's body parsed (default when empty).</summary>
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(OutboundTestHost host, string key, object body)
    {
        using var client = KeyClient(host.Factory, key);
        var response = await client.PostAsJsonAsync("/api/events", body);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static string NewEventId() => "evt-" + Guid.NewGuid().ToString("N");

    /// <summary>An incident create event for the test connection.</summary>
    public static Dictionary<string, object?> Create(string id, string shortDescription = "Disk full on db-7", string? reporter = null) => new()
    {
        ["id"] = id,
        ["connection"] = ConnectionName,
        ["table"] = "incident",
        ["action"] = "create",
        ["fields"] = new Dictionary<string, string> { ["short_description"] = shortDescription, ["urgency"] = "2" },
        ["reporter"] = reporter,
    };

    public Task<List<Message>> MessagesOfEventAsync(string eventId) => MessagesOfEventAsync(Host, eventId);

    public static async Task<List<Message>> MessagesOfEventAsync(OutboundTestHost host, string eventId)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Messages.AsNoTracking().Where(m => m.EventId == eventId).OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>The message's one attachment and its stored bytes.</summary>
    public async Task<(MessageAttachment Attachment, byte[] Content)> AttachmentOfAsync(long messageId)
    {
        await using var db = await Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var attachment = await db.MessageAttachments.AsNoTracking().Include(a => a.Content).SingleAsync(a => a.MessageId == messageId);
        return (attachment, attachment.Content!.Bytes);
    }

    public async Task<int> MessageCountAsync()
    {
        await using var db = await Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Messages.CountAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    public static async Task<string> CreateKeyAsync(OutboundTestHost host, string name, string scope)
    {
        var created = await host.Services.GetRequiredService<ApiKeyAdministration>()
            .CreateAsync(InboundTestData.Admin, new NewApiKey { Name = name, Scopes = [scope] }, CancellationToken.None);
        Assert.True(created.Succeeded, created.ErrorText);
        return created.Value!.Key;
    }

    private async Task<string> MapHubUserToSandboxAdminAsync()
    {
        using var admin = OutboundTestHost.SandboxAdmin(Sandbox);
        var adminUser = (await admin.GetFromJsonAsync<JsonElement>("api/now/table/sys_user?sysparm_query=user_name=admin")).GetProperty("result")[0];
        var sysId = adminUser.GetProperty("sys_id").GetString()!;
        var imported = new ServiceNowUser
        {
            ConnectionId = Host.ConnectionId, SysId = sysId, UserName = "admin", Name = "System Administrator", Active = true,
            NormalizedUserName = "ADMIN", NormalizedName = "SYSTEM ADMINISTRATOR",
        };
        await using (var db = await Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            db.ServiceNowUsers.Add(imported);
            await db.SaveChangesAsync();
        }

        var (hubUserId, errors) = await Host.Services.GetRequiredService<HubUsers>().CreateAsync(InboundTestData.Operator,
            new HubUserInput { DisplayName = "Agent Seven", Email = "agent7@hub.example", ExternalId = MappedHubUser }, CancellationToken.None);
        Assert.Empty(errors);
        var mapped = await Host.Services.GetRequiredService<UserMappings>()
            .MapAsync(InboundTestData.Operator, Host.ConnectionId, hubUserId!.Value, imported.Id, CancellationToken.None);
        Assert.True(mapped.Succeeded, mapped.ErrorText);
        return sysId;
    }
}
