using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.ApiKeys;
using SnConnectPortal.Web.Tests.Browser;
using SnConnectPortal.Web.Tests.Events;
using SnConnectPortal.Web.Tests.Inbound;
using SnConnectPortal.Web.Tests.Outbound;

namespace SnConnectPortal.Web.Tests.MultiNode;

/// <summary>
/// Portal nodes as they are deployed several at a time: the published portal in Production, one process per node, all
/// on one PostgreSQL database and one key ring, behind nginx with the shipped configuration. A connection to the
/// sandbox, an events API key and an Admin are made first, in-process, on the same database.
/// </summary>
public sealed class PortalNodes : IAsyncDisposable
{
    public const string AdminEmail = "ada@example.com";
    public const string AdminPassword = "ada-admin-password";

    private readonly PostgresScratchDatabase _database;
    private readonly string _directory;

    private PortalNodes(PostgresScratchDatabase database, string directory, long connectionId, string eventsKey, InboundTestEndpoint inbound)
    {
        _database = database;
        _directory = directory;
        ConnectionId = connectionId;
        EventsKey = eventsKey;
        Inbound = inbound;
    }

    public List<PortalProcess> Nodes { get; } = [];

    public NginxProcess Nginx { get; private set; } = null!;

    public long ConnectionId { get; }

    public string EventsKey { get; }

    /// <summary>The connection's receiver for messages from ServiceNow.</summary>
    public InboundTestEndpoint Inbound { get; }

    public static async Task<PortalNodes> StartAsync(Uri sandbox, int count)
    {
        var database = await PostgresScratchDatabase.CreateAsync();
        var directory = Path.Combine(Path.GetTempPath(), "sncp-nodes", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var keyRing = Path.Combine(directory, "keyring-protection.pfx");
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Connections:AllowedPrivateHosts:0"] = sandbox.Host,
            ["Outbound:AttemptTimeoutSeconds"] = "2",
            ["Outbound:BackoffBaseSeconds"] = "0.2",
            ["Outbound:BackoffMaxSeconds"] = "1",
            ["Outbound:PollIntervalMilliseconds"] = "100",
            ["Security:TrustedProxies:0"] = "127.0.0.1",
            ["Logging:LogLevel:Default"] = "Warning",
        };

        long connectionId;
        string key;
        InboundTestEndpoint inbound;
        await using (var first = await OutboundTestHost.StartAsync(sandbox, settings.ToDictionary(s => s.Key, string? (s) => s.Value)))
        {
            connectionId = first.ConnectionId;
            key = await EventsApiPortal.CreateKeyAsync(first, "node sender", ApiKeyScopes.EventsWrite);
            inbound = await InboundTestData.RotateAsync(first.Services, connectionId);
            await first.Factory.CreateUserAsync(AdminEmail, AdminPassword, "Admin");
            File.Copy(Path.Combine(Path.GetDirectoryName(first.Factory.DatabasePath)!, "keyring-protection.pfx"), keyRing);
        }

        settings["DataProtection:CertificatePath"] = keyRing;
        var nodes = new PortalNodes(database, directory, connectionId, key, inbound);
        try
        {
            foreach (var _ in Enumerable.Range(0, count))
            {
                nodes.Nodes.Add(await PortalProcess.StartPublishedAsync(settings));
            }

            nodes.Nginx = await NginxProcess.StartAsync(nodes.Nodes.Select(n => n.BaseUrl).ToList());
            return nodes;
        }
        catch
        {
            await nodes.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of the events API through nginx, or straight to one node.</summary>
    public HttpClient EventsClient(Uri? baseUrl = null)
    {
        var client = new HttpClient { BaseAddress = baseUrl ?? Nginx.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EventsKey);
        return client;
    }

    /// <summary>An incident create event for the nodes' connection.</summary>
    public object CreateEvent(string id, string description) => new Dictionary<string, object>
    {
        ["id"] = id,
        ["connection"] = ConnectionId,
        ["table"] = "incident",
        ["action"] = "create",
        ["fields"] = new Dictionary<string, string> { ["short_description"] = description, ["urgency"] = "2", ["impact"] = "3" },
    };

    /// <summary>The nodes' database, read by the test.</summary>
    public PortalDbContext Database()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(_database.ConnectionString).Options;
        return new PortalDbContext(options);
    }

    public string NodeName(PortalProcess node) => $"node {Nodes.IndexOf(node) + 1} ({node.BaseUrl.Port.ToString(CultureInfo.InvariantCulture)})";

    public async ValueTask DisposeAsync()
    {
        if (Nginx is not null)
        {
            await Nginx.DisposeAsync();
        }

        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        await _database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
