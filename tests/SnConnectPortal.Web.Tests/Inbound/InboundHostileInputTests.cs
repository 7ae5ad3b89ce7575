using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Web.Features.Messages;

namespace SnConnectPortal.Web.Tests.Inbound;

/// <summary>
/// Malformed and hostile bodies over real HTTP to the portal on Kestrel (whose own limits and errors are part of what
/// is tested): each gets a 4xx with the reason that applies, never a 5xx that ServiceNow would retry forever.
/// </summary>
public sealed class InboundHostileInputTests : IAsyncLifetime
{
    private const int MaxRequestBytes = 1024 * 1024;

    private readonly KestrelPortal _portal = new(new Dictionary<string, string?>
    {
        ["Inbound:MaxRequestBytes"] = MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private readonly HttpClient _client = new();
    private InboundTestEndpoint _endpoint = null!;

    public async Task InitializeAsync() => _endpoint = await InboundTestData.CreateEndpointAsync(_portal.Services);

    public Task DisposeAsync()
    {
        _client.Dispose();
        _portal.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("in a field the receiver reads", """{"table":"incident","number":"INC\ud800x"}""")]
    [InlineData("in a field it skips", """{"table":"incident","record":{"description":["ok","\udc00"]}}""")]
    [InlineData("in a property name", """{"table":"incident","a\ud800":1}""")]
    [InlineData("high surrogate followed by another high one", """{"number":"\ud800\ud800"}""")]
    public async Task Post_EscapedLoneSurrogate_Answers400NamingIt_AndStoresNothing(string where, string body)
    {
        using var response = await PostAsync(Encoding.UTF8.GetBytes(body));

        var error = await ErrorAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{where}: {(int)response.StatusCode} {error}");
        Assert.Contains("lone surrogate", error, StringComparison.Ordinal);
        Assert.Empty(await InboundTestData.MessagesAsync(_portal.Services));
    }

    [Fact]
    public async Task Post_EscapedSurrogatePair_IsAccepted()
    {
        using var response = await PostAsync("""{"table":"incident","number":"INC\ud83d\ude00"}"""u8.ToArray());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("INC\U0001F600", Assert.Single(await InboundTestData.MessagesAsync(_portal.Services)).Number);
    }

    [Theory]
    [InlineData("""{"a":""")]
    [InlineData("{\"table\":\"incident\"")]
    [InlineData("""{"table":"incident","record":{"number":"INC1""")]
    [InlineData("""{"table":"inci""")]
    public async Task Post_TruncatedBody_Answers400SayingItEndsEarly(string body)
    {
        using var response = await PostAsync(Encoding.UTF8.GetBytes(body));

        var error = await ErrorAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ends before its JSON is complete", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> TooDeep => new()
    {
        { "closed", "{\"a\":" + new string('[', 64) + new string(']', 64) + "}" },
        { "and truncated too", "{\"a\":" + new string('[', 80) },
    };

    [Theory]
    [MemberData(nameof(TooDeep))]
    public async Task Post_NestedDeeperThanTheLimit_Answers400SayingSo(string why, string body)
    {
        using var response = await PostAsync(Encoding.UTF8.GetBytes(body));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, why);
        Assert.Equal("The JSON is nested deeper than 64 levels.", await ErrorAsync(response));
    }

    public static TheoryData<string> InvalidJson => new()
    {
        "{\"a\":1,}",
        "{\"a\":tru}",
        "{\"a\":" + new string('[', 63) + "x" + new string(']', 63) + "}",
    };

    [Theory]
    [MemberData(nameof(InvalidJson))]
    public async Task Post_InvalidJson_Answers400WithItsPosition(string body)
    {
        using var response = await PostAsync(Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("The body is not valid JSON (line 1, byte ", await ErrorAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ChunkedBodyFarOverTheLimit_Answers413_NotKestrels500()
    {
        var body = Encoding.UTF8.GetBytes(InboundTestData.IncidentPayload("INC1", extra: $",\"description\":\"{new string('x', 3 * MaxRequestBytes)}\""));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_portal.BaseUrl, _endpoint.Path))
        {
            Content = new StreamContent(new UnknownLengthStream(body), 256 * 1024),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = _endpoint.Authorization;

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("1048576", await ErrorAsync(response), StringComparison.Ordinal);
        Assert.Empty(await InboundTestData.MessagesAsync(_portal.Services));
    }

    [Fact]
    public async Task Post_MalformedChunkedFraming_Answers400()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_portal.BaseUrl.Host, _portal.BaseUrl.Port);
        var stream = tcp.GetStream();
        var head = $"POST {_endpoint.Path} HTTP/1.1\r\nHost: {_portal.BaseUrl.Authority}\r\nAuthorization: Basic {_endpoint.Authorization.Parameter}\r\n" +
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\nnot-a-chunk-size\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync();

        Assert.StartsWith("HTTP/1.1 400", statusLine, StringComparison.Ordinal);
        Assert.Empty(await InboundTestData.MessagesAsync(_portal.Services));
    }

    [Fact]
    public async Task Post_MoreAttachmentsThanTheLimit_Answers413NamingTheLimit_AndStoresNothing()
    {
        using var response = await PostAsync(Encoding.UTF8.GetBytes(AttachmentsPayload(101)));

        var error = await ErrorAsync(response);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("more than 100 attachments", error, StringComparison.Ordinal);
        Assert.Contains("Inbound:MaxAttachments", error, StringComparison.Ordinal);
        Assert.Empty(await InboundTestData.MessagesAsync(_portal.Services));
    }

    [Fact]
    public async Task Post_HundredsOfThousandsOfEmptyAttachments_Answers413_AndStoresNothing()
    {
        var body = "{\"attachments\":[" + string.Join(',', Enumerable.Repeat("{}", 300_000)) + "]}";

        using var response = await PostAsync(Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await InboundTestData.MessagesAsync(_portal.Services));
    }

    [Fact]
    public async Task Post_AttachmentsUpToTheLimit_AreStored_AndTheDetailsPageThem()
    {
        using var response = await PostAsync(Encoding.UTF8.GetBytes(AttachmentsPayload(100)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var query = _portal.Services.GetRequiredService<MessageQuery>();
        var id = Assert.Single(await InboundTestData.MessagesAsync(_portal.Services)).Id;

        var details = await query.DetailsAsync(id, CancellationToken.None);
        var lastPage = await query.AttachmentPageAsync(id, 90, CancellationToken.None);

        Assert.NotNull(details);
        Assert.Equal((100, false), (details.AttachmentCount, details.AttachmentCountCapped));
        Assert.Equal(Enumerable.Range(0, MessageQuery.AttachmentPageSize).Select(i => $"file-{i}.txt"), details.Attachments.Select(a => a.FileName));
        Assert.Equal(Enumerable.Range(90, 10).Select(i => $"file-{i}.txt"), lastPage.Select(a => a.FileName));
    }

    [Fact]
    public async Task Details_OfAPayloadOverTheDisplayLimit_ShowItsBeginningAndSaySo()
    {
        var payload = InboundTestData.IncidentPayload("INC1", extra: $",\"description\":\"{new string('x', MessageQuery.PayloadDisplayChars)}\"");
        using var response = await PostAsync(Encoding.UTF8.GetBytes(payload));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var details = await _portal.Services.GetRequiredService<MessageQuery>()
            .DetailsAsync(Assert.Single(await InboundTestData.MessagesAsync(_portal.Services)).Id, CancellationToken.None);

        Assert.StartsWith(payload[..1000], details!.Payload, StringComparison.Ordinal);
        Assert.EndsWith($"(shown: the first 262,144 of {payload.Length:N0} characters, as received; the whole payload is stored)", details.Payload, StringComparison.Ordinal);
    }

    private static string AttachmentsPayload(int count) =>
        "{\"table\":\"incident\",\"attachments\":[" +
        string.Join(',', Enumerable.Range(0, count).Select(i => $$"""{"file_name":"file-{{i}}.txt","content_type":"text/plain","size_bytes":1}""")) + "]}";

    private async Task<HttpResponseMessage> PostAsync(byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_portal.BaseUrl, _endpoint.Path)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = _endpoint.Authorization;
        return await _client.SendAsync(request);
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;

    /// <summary>A stream whose length is unknown, so the client sends the body chunked, without Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
