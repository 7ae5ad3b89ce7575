using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SnConnectPortal.Web.Tests.Events;

/// <summary>Over HTTP: what <c>POST /api/events</c> accepts and stores, and how it lists what it refuses.</summary>
[Collection(EventsApiCollection.Name)]
public sealed class EventsApiValidationTests(EventsApiPortal portal)
{
    [Fact]
    public async Task OneEvent_Is202_WithItsMessage_StoredQueuedForTheConnection()
    {
        var id = EventsApiPortal.NewEventId();

        var (response, body) = await portal.PostAsync(EventsApiPortal.Create(id, reporter: EventsApiPortal.MappedHubUser));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var message = Assert.Single(await portal.MessagesOfEventAsync(id));
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal(message.Id, body.GetProperty("messageId").GetInt64());
        Assert.Equal(message.ResponseId, body.GetProperty("responseId").GetString());
        Assert.False(body.TryGetProperty("duplicate", out _));
        Assert.Equal((portal.Host.ConnectionId, "incident", "create", id), (message.ConnectionId, message.TableName, message.EventName, message.CorrelationId));
        using var payload = JsonDocument.Parse(message.Payload);
        Assert.Equal(id, payload.RootElement.GetProperty("correlation_id").GetString());
        Assert.Equal("Disk full on db-7", payload.RootElement.GetProperty("short_description").GetString());
        Assert.Equal(EventsApiPortal.MappedHubUser, payload.RootElement.GetProperty("caller_id").GetProperty("hubUser").GetString());
        Assert.Contains("Bearer (redacted; API key event sender", message.Headers, StringComparison.Ordinal);
        Assert.DoesNotContain(portal.WriterKey, message.Headers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionById_IsTheSameAsByName()
    {
        var id = EventsApiPortal.NewEventId();
        var incoming = EventsApiPortal.Create(id);
        incoming["connection"] = portal.Host.ConnectionId;

        var (response, _) = await portal.PostAsync(incoming);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(portal.Host.ConnectionId, Assert.Single(await portal.MessagesOfEventAsync(id)).ConnectionId);
    }

    [Fact]
    public async Task InvalidEvent_Is400_ListingEachFieldError_AndStoresNothing()
    {
        var before = await portal.MessageCountAsync();
        var incoming = new Dictionary<string, object?>
        {
            ["id"] = "has spaces^and carets",
            ["connection"] = EventsApiPortal.ConnectionName,
            ["table"] = "Incident!",
            ["action"] = "delete",
            ["fields"] = new Dictionary<string, string> { ["sys_id"] = "x", ["Bad Name"] = "y", ["description"] = new string('d', 32_001) },
            ["reporter"] = new string('r', 256),
            ["attachments"] = new[] { new { fileName = "logs/a.txt", contentType = "text", content = "not base64!" } },
        };

        var (response, body) = await portal.PostAsync(incoming);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = body.GetProperty("errors");
        Assert.Equal(
            ["action", "attachments[0].content", "attachments[0].contentType", "attachments[0].fileName", "fields.Bad Name", "fields.description", "fields.sys_id", "id", "reporter", "table"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("\"create\" or \"update\"", errors.GetProperty("action")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("32,000 characters", errors.GetProperty("fields.description")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await portal.MessageCountAsync());
    }

    [Fact]
    public async Task Attachment_IsStoredWithTheMessage_PendingItsRecord_WithItsBytesAndSha256()
    {
        var id = EventsApiPortal.NewEventId();
        var bytes = "Expired certificate: CN=www.example.com\n"u8.ToArray();
        var incoming = EventsApiPortal.Create(id);
        incoming["attachments"] = new[] { new { fileName = "cert.txt", contentType = "text/plain", content = Convert.ToBase64String(bytes) } };

        var (response, _) = await portal.PostAsync(incoming);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var message = Assert.Single(await portal.MessagesOfEventAsync(id));
        var (attachment, content) = await portal.AttachmentOfAsync(message.Id);
        Assert.Equal(("cert.txt", "text/plain", (long?)bytes.Length), (attachment.FileName, attachment.ContentType, attachment.ContentBytes));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), attachment.Hash);
        Assert.Equal(bytes, content);
    }

    [Fact]
    public async Task MultipartEvent_WithAFilePart_IsStoredWithTheFileAsItsAttachment()
    {
        var id = EventsApiPortal.NewEventId();
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 3 };
        using var form = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(EventsApiPortal.Create(id)), Encoding.UTF8, "application/json"), "event" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "screen.png");
        using var client = portal.KeyClient(portal.WriterKey);

        using var response = await client.PostAsync("/api/events", form);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var (attachment, content) = await portal.AttachmentOfAsync(Assert.Single(await portal.MessagesOfEventAsync(id)).Id);
        Assert.Equal(("screen.png", "image/png"), (attachment.FileName, attachment.ContentType));
        Assert.Equal(bytes, content);
    }

    [Fact]
    public async Task MultipartWithoutAnEventPart_Is400_AndStoresNothing()
    {
        var before = await portal.MessageCountAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "a.bin" } };
        using var client = portal.KeyClient(portal.WriterKey);

        using var response = await client.PostAsync("/api/events", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("no part named \"event\"", errors.GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await portal.MessageCountAsync());
    }

    [Fact]
    public async Task AttachmentOverTheLimit_Is400_SayingTheLimit_AndStoresNothing()
    {
        var before = await portal.MessageCountAsync();
        var incoming = EventsApiPortal.Create(EventsApiPortal.NewEventId());
        incoming["attachments"] = new[]
        {
            new { fileName = "small.txt", contentType = "text/plain", content = Convert.ToBase64String(new byte[10]) },
            new { fileName = "dump.bin", contentType = "application/octet-stream", content = Convert.ToBase64String(new byte[EventsApiPortal.MaxAttachmentBytes + 1]) },
        };

        var (response, body) = await portal.PostAsync(incoming);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(body.GetProperty("errors").EnumerateObject());
        Assert.Equal("attachments[1].content", error.Name);
        Assert.Contains("at most 50,000 (Events:MaxAttachmentBytes)", error.Value[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await portal.MessageCountAsync());
    }

    [Fact]
    public async Task WrongJsonType_Is400_NamingTheField()
    {
        var (response, body) = await portal.PostAsync(new
        {
            id = EventsApiPortal.NewEventId(), connection = EventsApiPortal.ConnectionName, table = "incident", action = "create",
            fields = new { urgency = 2 },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty("fields.urgency", out _), body.ToString());
    }

    [Theory]
    [InlineData("No such connection", "incident", "connection", "No connection has the id or name \"No such connection\".")]
    [InlineData(EventsApiPortal.ConnectionName, "problem", "table", "problem is not one of the tables of the connection \"Sandbox outbound\" (incident)")]
    public async Task EventForAConnectionOrTableThatIsNotThere_Is400(string connection, string table, string field, string error)
    {
        var incoming = EventsApiPortal.Create(EventsApiPortal.NewEventId());
        incoming["connection"] = connection;
        incoming["table"] = table;

        var (response, body) = await portal.PostAsync(incoming);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(error, body.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateWithoutCorrelationId_Is400_AndCreateWithOne_Is400()
    {
        var update = EventsApiPortal.Create(EventsApiPortal.NewEventId());
        update["action"] = "update";
        var create = EventsApiPortal.Create(EventsApiPortal.NewEventId());
        create["correlationId"] = "evt-other";

        var (updateResponse, updateBody) = await portal.PostAsync(update);
        var (createResponse, createBody) = await portal.PostAsync(create);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (updateResponse.StatusCode, createResponse.StatusCode));
        Assert.StartsWith("An update names the record it changes", updateBody.GetProperty("errors").GetProperty("correlationId")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Only an update takes correlationId", createBody.GetProperty("errors").GetProperty("correlationId")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_WithGoodAndBadEvents_StoresTheGoodOnes_AndAnswersEachInOrder()
    {
        var (first, third) = (EventsApiPortal.NewEventId(), EventsApiPortal.NewEventId());
        var bad = EventsApiPortal.Create(EventsApiPortal.NewEventId());
        bad["table"] = "not a table";

        var (response, body) = await portal.PostAsync(new { events = new object[] { EventsApiPortal.Create(first), bad, EventsApiPortal.Create(third), 42 } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal((2, 2), (body.GetProperty("accepted").GetInt32(), body.GetProperty("refused").GetInt32()));
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2, 3], results.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal([202, 400, 202, 400], results.Select(r => r.GetProperty("status").GetInt32()));
        Assert.True(results[1].GetProperty("errors").TryGetProperty("table", out _));
        Assert.Equal("An event is a JSON object.", results[3].GetProperty("errors").GetProperty("")[0].GetString());
        Assert.Equal(results[0].GetProperty("messageId").GetInt64(), Assert.Single(await portal.MessagesOfEventAsync(first)).Id);
        Assert.Equal(results[2].GetProperty("messageId").GetInt64(), Assert.Single(await portal.MessagesOfEventAsync(third)).Id);
        Assert.Empty(await portal.MessagesOfEventAsync(bad["id"]!.ToString()!));
    }

    [Fact]
    public async Task Batch_WithOnlyBadEvents_Is400_WithErrorsByEventIndex()
    {
        var bad = EventsApiPortal.Create(EventsApiPortal.NewEventId());
        bad["action"] = "upsert";

        var (response, body) = await portal.PostAsync(new { events = new object[] { bad, new { id = "x" } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = body.GetProperty("errors");
        Assert.True(errors.TryGetProperty("events[0].action", out _), body.ToString());
        Assert.True(errors.TryGetProperty("events[1].table", out _), body.ToString());
        Assert.Equal(2, body.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Batch_OfMoreThanAThousandEvents_Is400_AndStoresNothing()
    {
        var before = await portal.MessageCountAsync();
        var events = Enumerable.Range(0, 1001).Select(_ => new { id = "e" }).ToArray();

        var (response, body) = await portal.PostAsync(new { events });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1 to 1,000 events", body.GetProperty("errors").GetProperty("events")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await portal.MessageCountAsync());
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413_AndStoresNothing()
    {
        var before = await portal.MessageCountAsync();
        var events = Enumerable.Range(0, 100).Select(_ => EventsApiPortal.Create(EventsApiPortal.NewEventId(), new string('x', 3000))).ToArray();

        var (response, body) = await portal.PostAsync(new { events });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than the limit of 200,000 bytes", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await portal.MessageCountAsync());
    }

    [Theory]
    [InlineData("text/plain", "{}", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json", "{\"id\": ", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "[1, 2]", HttpStatusCode.BadRequest)]
    public async Task NotAJsonObject_IsRefused(string contentType, string body, HttpStatusCode expected)
    {
        using var client = portal.KeyClient(portal.WriterKey);

        var response = await client.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
