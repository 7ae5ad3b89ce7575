using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.FieldMapping;
using SnConnectPortal.Web.Tests.Inbound;
using SnConnectPortal.Web.Tests.Outbound;

namespace SnConnectPortal.Web.Tests.Events;

/// <summary>
/// Events through a connection whose incident table has the IONIX preset, with the table's fields read from the
/// sandbox's sys_dictionary over HTTP: delivered mapped, cut to the field's length with a warning, or Skipped below the
/// threshold and never sent. The connection is this class's own, so the other events tests keep their unmapped table.
/// </summary>
[Collection(EventsApiCollection.Name)]
public sealed class EventsFieldMappingTests(EventsApiPortal portal) : IAsyncLifetime
{
    private const string ConnectionName = "Sandbox mapped";
    private static readonly MessageStatus[] Final = [MessageStatus.Delivered, MessageStatus.Failed, MessageStatus.DeadLettered];

    public async Task InitializeAsync()
    {
        var services = portal.Host.Services;
        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            // xunit makes an instance per test: the first one sets the connection up for the rest.
            if (await db.Connections.AnyAsync(c => c.Name == ConnectionName))
            {
                return;
            }
        }

        var connectionId = await OutboundTestHost.CreateConnectionAsync(services, portal.Sandbox.BaseUrl, ConnectionName);
        var fields = await services.GetRequiredService<TargetFieldReader>().ReadAsync(InboundTestData.Admin, connectionId, "incident", CancellationToken.None);
        Assert.True(fields.Succeeded, fields.ErrorText);
        var mapping = MappingPresets.Find(MappingPresets.IonixKey)!.Create();
        mapping.TargetFields = [.. fields.Value!];
        mapping.TargetFieldsReadAt = DateTime.UtcNow;
        var saved = await services.GetRequiredService<FieldMappingStore>()
            .SaveAsync(InboundTestData.Admin, connectionId, "incident", mapping, MappingPresets.IonixKey, CancellationToken.None);
        Assert.True(saved.Succeeded, saved.ErrorText);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Dictionary<string, object?> ActionItem(string id, string name, string urgency, string category) => new()
    {
        ["id"] = id,
        ["connection"] = ConnectionName,
        ["table"] = "incident",
        ["action"] = "create",
        ["fields"] = new Dictionary<string, string> { ["name"] = name, ["body"] = "Found by IONIX.", ["category"] = category, ["urgency"] = urgency },
    };

    [Fact]
    public async Task ActionItem_AboveTheThreshold_IsDeliveredMapped_AndCutToTheFieldsLength_WithAWarning()
    {
        var id = EventsApiPortal.NewEventId();
        var name = "Expired certificate " + new string('x', 180);

        var (_, body) = await portal.PostAsync(ActionItem(id, name, "9.4", "Vulnerability"));
        var message = await portal.Host.WaitForStatusAsync(body.GetProperty("messageId").GetInt64(), Final);

        Assert.Equal(MessageStatus.Delivered, message.Status);
        var incident = Assert.Single(await OutboundTestHost.IncidentsWithCorrelationIdAsync(portal.Sandbox, id));
        Assert.Equal((name[..160], "Found by IONIX.", "1", "1", "1"), (incident.GetProperty("short_description").GetString(),
            incident.GetProperty("description").GetString(), incident.GetProperty("urgency").GetString(),
            incident.GetProperty("impact").GetString(), incident.GetProperty("priority").GetString()));
        Assert.Contains("short_description had 200 characters: cut to 160, its max_length in sys_dictionary.", message.Warnings, StringComparison.Ordinal);
        Assert.DoesNotContain("\"name\"", message.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActionItem_BelowTheThreshold_IsStoredSkipped_WithTheReason_AndNeverSent()
    {
        var skippedId = EventsApiPortal.NewEventId();
        var deliveredId = EventsApiPortal.NewEventId();

        var (_, body) = await portal.PostAsync(new { events = new[] { ActionItem(skippedId, "Weak cipher", "6.9", "PKI"), ActionItem(deliveredId, "Open port", "7.0", "Cloud") } });
        var ids = body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("messageId").GetInt64()).ToList();
        // Once the later event is delivered, the worker has passed the skipped one by.
        var delivered = await portal.Host.WaitForStatusAsync(ids[1], Final);
        var skipped = await portal.Host.MessageAsync(ids[0]);

        Assert.Equal((MessageStatus.Skipped, MessageStatus.Delivered), (skipped.Status, delivered.Status));
        Assert.Equal("urgency 6.9 is below the threshold of 7.0: no record is made.", skipped.LastError);
        Assert.Equal((0, null), (skipped.AttemptCount, skipped.NextAttemptAt));
        Assert.Empty(skipped.Attempts);
        Assert.Empty(await OutboundTestHost.IncidentsWithCorrelationIdAsync(portal.Sandbox, skippedId));
        var incident = Assert.Single(await OutboundTestHost.IncidentsWithCorrelationIdAsync(portal.Sandbox, deliveredId));
        Assert.Equal(("2", "2"), (incident.GetProperty("urgency").GetString(), incident.GetProperty("impact").GetString()));
    }
}
