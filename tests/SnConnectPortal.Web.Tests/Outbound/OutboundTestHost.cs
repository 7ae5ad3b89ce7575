using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.Connections;
using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Features.Outbound;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Outbound;

/// <summary>
/// The portal in-process on its own SQLite file, its delivery worker running with short waits, and one connection
/// that signs in to the sandbox as the integration user.
/// </summary>
public sealed class OutboundTestHost : IAsyncDisposable
{
    public const int MaxAttempts = 4;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private OutboundTestHost(PortalFactory factory, long connectionId)
    {
        Factory = factory;
        ConnectionId = connectionId;
    }

    public PortalFactory Factory { get; }

    public long ConnectionId { get; }

    public IServiceProvider Services => Factory.Services;

    public static async Task<OutboundTestHost> StartAsync(Uri instanceUrl, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var factory = new PortalFactory(WithDefaults(settings));
        var connectionId = await CreateConnectionAsync(factory.Services, instanceUrl);
        return new OutboundTestHost(factory, connectionId);
    }

    /// <summary>
    /// A portal started again on the database of a stopped one: <paramref name="settings"/> must name its own
    /// <c>Database:SqlitePath</c> and <c>DataProtection:CertificatePath</c>, the same as the stopped portal's.
    /// </summary>
    public static OutboundTestHost Restart(OutboundTestHost stopped, IReadOnlyDictionary<string, string?> settings) =>
        new(new PortalFactory(WithDefaults(settings)), stopped.ConnectionId);

    private static Dictionary<string, string?> WithDefaults(IReadOnlyDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Outbound:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Outbound:BackoffBaseSeconds"] = "0.1",
            ["Outbound:BackoffMaxSeconds"] = "0.4",
            ["Outbound:AttemptTimeoutSeconds"] = "3",
            ["Outbound:PollIntervalMilliseconds"] = "100",
            ["Connections:AllowedPrivateHosts:0"] = "127.0.0.1", // the sandbox
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return all;
    }

    /// <summary>A connection to the sandbox, without an outbound rate limit unless a test is about pacing.</summary>
    public static async Task<long> CreateConnectionAsync(
        IServiceProvider services, Uri instanceUrl, string name = "Sandbox outbound", OutboundRateLimit? outboundRateLimit = null)
    {
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var connection = new Connection
        {
            Name = name,
            NormalizedName = name.ToUpperInvariant(),
            InstanceUrl = instanceUrl.AbsoluteUri,
            TimeZone = "UTC",
            Environment = "Test",
            AuthMode = "Basic",
            UserName = "snc.integration",
            Tables = "incident",
            OutboundRateLimit = outboundRateLimit?.Count,
            OutboundRateLimitPeriod = outboundRateLimit?.Period ?? RateLimitPeriod.Hour,
            Status = ConnectionStatus.Active,
            CreatedBy = "test",
            UpdatedBy = "test",
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
        connection.Secrets.Add(new ConnectionSecret
        {
            Kind = SecretKind.Password,
            ProtectedValue = services.GetRequiredService<ConnectionSecretProtector>().Protect(connection.Id, SecretKind.Password, "snc-integration-pw"),
            SetAt = DateTime.UtcNow,
            SetBy = "test",
        });
        await db.SaveChangesAsync();
        return connection.Id;
    }

    public async Task<Message> MessageAsync(long id)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Messages.AsNoTracking().Include(m => m.Attempts.OrderBy(a => a.Attempt)).FirstAsync(m => m.Id == id);
    }

    /// <summary>Polls until the message has one of the statuses; fails after the deadline with what it saw.</summary>
    public async Task<Message> WaitForStatusAsync(long id, params MessageStatus[] statuses)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var message = await MessageAsync(id);
            if (statuses.Contains(message.Status))
            {
                return message;
            }

            Assert.True(DateTime.UtcNow < until,
                $"Message {id} is {message.Status} after {Deadline}: {string.Join("; ", message.Attempts.Select(a => $"{a.Attempt} {a.Outcome} {a.HttpStatus} {a.Detail}"))}");
            await Task.Delay(50);
        }
    }

    public static async Task<List<JsonElement>> IncidentsWithCorrelationIdAsync(SandboxProcess sandbox, string correlationId)
    {
        using var client = SandboxAdmin(sandbox);
        var answer = await client.GetFromJsonAsync<JsonElement>($"api/now/table/incident?sysparm_query=correlation_id={correlationId}");
        return [.. answer.GetProperty("result").EnumerateArray()];
    }

    public static async Task<int> IncidentPostsAsync(SandboxProcess sandbox)
    {
        var requests = await sandbox.GetRequestsAsync();
        return requests.EnumerateArray().Count(r => r.GetProperty("method").GetString() == "POST"
            && r.GetProperty("path").GetString() == "/api/now/table/incident");
    }

    public static HttpClient SandboxAdmin(SandboxProcess sandbox)
    {
        var client = new HttpClient { BaseAddress = sandbox.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:admin"u8.ToArray()));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
