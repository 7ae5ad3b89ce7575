using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Inbound;

/// <summary><c>POST /api/inbound/{key}</c> over HTTP against the portal on a real SQLite file: every answer it gives.</summary>
public sealed class InboundReceiverTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new(new Dictionary<string, string?>
    {
        ["Inbound:MaxRequestBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private InboundTestEndpoint _endpoint = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = _portal.CreateClient();
        _endpoint = await InboundTestData.CreateEndpointAsync(_portal.Services);
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        _portal.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Post_ValidCredentials_Answers202WithResponseId_AfterStoringMessageWithMetadata()
    {
        var payload = InboundTestData.IncidentPayload("INC0010001", "corr-1");

        using var response = await PostAsync(payload);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var responseId = body.GetProperty("responseId").GetString();
        var stored = Assert.Single(await InboundTestData.MessagesAsync(_portal.Services));
        Assert.Equal(responseId, stored.ResponseId);
        Assert.Equal(_endpoint.ConnectionId, stored.ConnectionId);
        Assert.Equal((MessageDirection.Inbound, MessageStatus.Received, 202), (stored.Direction, stored.Status, stored.HttpStatus));
        Assert.Equal(("incident", "insert", "INC0010001", "corr-1"), (stored.TableName, stored.EventName, stored.Number, stored.CorrelationId));
        Assert.Equal(payload, stored.Payload);
        Assert.Equal(DateTimeKind.Utc, stored.ReceivedAt.Kind);
        Assert.DoesNotContain(_endpoint.Password, stored.Headers, StringComparison.Ordinal);
        Assert.DoesNotContain(_endpoint.Authorization.Parameter!, stored.Headers, StringComparison.Ordinal);
        Assert.Contains("redacted", stored.Headers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_FlatPayloadWithCharset_IsAccepted_AndNumberReadFromTop()
    {
        using var response = await PostAsync("""{"number":"PRB0040001","sys_class_name":"problem","correlation_id":"x-9"}""", "application/json; charset=utf-8");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var stored = Assert.Single(await InboundTestData.MessagesAsync(_portal.Services));
        Assert.Equal(("problem", "PRB0040001", "x-9"), (stored.TableName, stored.Number, stored.CorrelationId));
    }

    public static TheoryData<string, string> BadCredentials => new()
    {
        { "wrong password", "right-user:wrong" },
        { "wrong user", "someone-else:right" },
        { "empty", ":" },
        { "no colon", "just-a-user" },
    };

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public async Task Post_WrongCredentials_Answers401WithWwwAuthenticate_AndStoresNothing(string why, string credentials)
    {
        var userPass = credentials.Replace("right-user", _endpoint.UserName, StringComparison.Ordinal).Replace("right", _endpoint.Password, StringComparison.Ordinal);
        var header = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userPass)));

        using var response = await PostAsync(InboundTestData.IncidentPayload("INC1"), authorization: header);

        Assert.True(HttpStatusCode.Unauthorized == response.StatusCode, why);
        Assert.StartsWith("Basic realm=", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Empty(await InboundTestData.MessagesAsync(_portal.Services));
    }

    [Fact]
    public async Task Post_UnknownKey_Answers401ExactlyLikeAWrongPassword()
    {
        using var unknownKey = await PostAsync(InboundTestData.IncidentPayload("INC1"), path: "/api/inbound/no-such-key");
        using var wrongPassword = await PostAsync(InboundTestData.IncidentPayload("INC1"), authorization: InboundTestEndpoint.Basic(_endpoint.UserName, "nope"));

        Assert.Equal(HttpStatusCode.Unauthorized, unknownKey.StatusCode);
        Assert.Equal(wrongPassword.Headers.WwwAuthenticate.ToString(), unknownKey.Headers.WwwAuthenticate.ToString());
        Assert.Equal(await wrongPassword.Content.ReadAsStringAsync(), await unknownKey.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer abc")]
    [InlineData("Basic !!!not-base64!!!")]
    [InlineData("Basic")]
    public async Task Post_MissingOrMalformedAuthorization_Answers401(string? header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.Path) { Content = Json(InboundTestData.IncidentPayload("INC1")) };
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task GenerateNewPassword_OldPasswordStopsAtOnce_NewOneWorks()
    {
        using (var warm = await PostAsync(InboundTestData.IncidentPayload("INC1")))
        {
            Assert.Equal(HttpStatusCode.Accepted, warm.StatusCode); // the old credential is now in the verified cache
        }

        var rotated = await InboundTestData.RotateAsync(_portal.Services, _endpoint.ConnectionId);

        using var old = await PostAsync(InboundTestData.IncidentPayload("INC2"));
        using var fresh = await PostAsync(InboundTestData.IncidentPayload("INC3"), authorization: rotated.Authorization);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, fresh.StatusCode);
        Assert.Equal(_endpoint.Key, rotated.Key);
        Assert.Equal(["INC1", "INC3"], (await InboundTestData.MessagesAsync(_portal.Services)).Select(m => m.Number));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/xml")]
    public async Task Post_WrongContentType_Answers415(string contentType)
    {
        using var response = await PostAsync(InboundTestData.IncidentPayload("INC1"), contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_NoContentType_Answers415()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.Path) { Content = new ByteArrayContent("{}"u8.ToArray()) };
        request.Headers.Authorization = _endpoint.Authorization;

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Post_DeclaredLengthAboveLimit_Answers413_AndStoresNothing()
    {
        var big = InboundTestData.IncidentPayload("INC1", extra: $",\"description\":\"{new string('x', 1024 * 1024)}\"");

        using var response = await PostAsync(big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("1048576", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await InboundTestData.MessagesAsync(_portal.Services));
    }

    [Fact]
    public async Task Post_ChunkedBodyGrowingAboveLimit_Answers413()
    {
        var bytes = Encoding.UTF8.GetBytes(InboundTestData.IncidentPayload("INC1", extra: $",\"description\":\"{new string('x', 1100 * 1024)}\""));
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.Path) { Content = new StreamContent(new NoLengthStream(bytes)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = _endpoint.Authorization;

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await InboundTestData.MessagesAsync(_portal.Services));
    }

    [Fact]
    public async Task Post_HugeStringWithinLimit_IsAcceptedWhole()
    {
        var payload = InboundTestData.IncidentPayload("INC0000042", extra: $",\"description\":\"{new string('é', 400 * 1024)}\"");

        using var response = await PostAsync(payload);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var stored = Assert.Single(await InboundTestData.MessagesAsync(_portal.Services));
        Assert.Equal(payload, stored.Payload);
        Assert.Equal(Encoding.UTF8.GetByteCount(payload), stored.PayloadBytes);
    }

    public static TheoryData<string, byte[]> HostileBodies => new()
    {
        { "truncated", "{\"table\":\"incident\""u8.ToArray() },
        { "trailing garbage", "{\"a\":1} {\"b\":2}"u8.ToArray() },
        { "not an object", "[1,2,3]"u8.ToArray() },
        { "a bare string", "\"hello\""u8.ToArray() },
        { "empty", [] },
        { "comments", "{/* hi */\"a\":1}"u8.ToArray() },
        { "single quotes", "{'a':1}"u8.ToArray() },
        { "invalid UTF-8 in a string", [.. "{\"a\":\""u8, 0xC3, 0x28, .. "\"}"u8] },
        { "lone continuation byte", [.. "{\"a\":\""u8, 0x80, .. "\"}"u8] },
        { "overlong encoding", [.. "{\"a\":\""u8, 0xC0, 0xAF, .. "\"}"u8] },
        { "deep nesting", Encoding.UTF8.GetBytes("{\"a\":" + new string('[', 500) + new string(']', 500) + "}") },
        { "nesting just over the limit", Encoding.UTF8.GetBytes("{\"a\":" + new string('[', 64) + new string(']', 64) + "}") },
        { "nul bytes", [0, 0, 0] },
        { "bad attachment base64", Encoding.UTF8.GetBytes("""{"table":"incident","attachment":{"file_name":"a.txt","content_base64":"@@@not base64@@@"}}""") },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task Post_MalformedOrHostileBody_Answers400WithShortJsonError_AndStoresNothing(string why, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = _endpoint.Authorization;

        using var response = await _client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)response.StatusCode}");
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.InRange(error.GetProperty("error").GetString()!.Length, 5, 200);
        Assert.Empty(await InboundTestData.MessagesAsync(_portal.Services));
    }

    [Fact]
    public async Task Post_NestingAtTheLimit_IsAccepted()
    {
        // The object itself is level 1; 63 arrays inside make 64.
        using var response = await PostAsync("{\"a\":" + new string('[', 63) + new string(']', 63) + "}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Post_AttachmentWithBase64Content_StoresMetadata_AndChecksTheHash()
    {
        var content = Encoding.UTF8.GetBytes("hello from ServiceNow");
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var payload = $$$"""
            {"table":"incident","sys_id":"a1","event":"attachment","record":{"number":"INC0010002"},
             "attachment":{"sys_id":"b2","file_name":"notes.txt","content_type":"text/plain","size_bytes":"{{{content.Length}}}","hash":"{{{hash}}}",
             "content_base64":"{{{Convert.ToBase64String(content)}}}"}}
            """;

        using var response = await PostAsync(payload);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var attachment = Assert.Single(Assert.Single(await InboundTestData.MessagesAsync(_portal.Services)).Attachments);
        Assert.Equal(("b2", "notes.txt", "text/plain", hash), (attachment.SysId, attachment.FileName, attachment.ContentType, attachment.Hash));
        Assert.Equal(content.Length, attachment.DeclaredSizeBytes);
        Assert.Equal(content.Length, attachment.ContentBytes);
        Assert.True(attachment.HashMatches);
    }

    [Fact]
    public async Task Post_AttachmentWhoseContentDoesNotMatchItsHash_IsStoredAndFlagged()
    {
        var payload = """{"table":"incident","attachment":{"file_name":"x.bin","hash":"00","content_base64":"AAEC"}}""";

        using var response = await PostAsync(payload);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var attachment = Assert.Single(Assert.Single(await InboundTestData.MessagesAsync(_portal.Services)).Attachments);
        Assert.Equal(3, attachment.ContentBytes);
        Assert.False(attachment.HashMatches);
    }

    [Fact]
    public async Task Post_ManyInParallel_EveryAcceptedMessageStoredExactlyOnce()
    {
        const int count = 400;
        var responses = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            using var response = await PostAsync(InboundTestData.IncidentPayload($"INC{i:D7}"));
            return (response.StatusCode, Id: response.StatusCode == HttpStatusCode.Accepted
                ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("responseId").GetString()
                : null);
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var stored = await InboundTestData.MessagesAsync(_portal.Services);
        Assert.Equal(count, stored.Count);
        Assert.Equal(responses.Select(r => r.Id).Order(StringComparer.Ordinal), stored.Select(m => m.ResponseId).Order(StringComparer.Ordinal));
        Assert.Equal(count, stored.Select(m => m.Number).Distinct().Count());
    }

    [Fact]
    public async Task Post_FasterThanTheConnectionsRate_Answers429WithRetryAfter_OtherConnectionsUnaffected()
    {
        var administration = _portal.Services.GetService(typeof(Web.Features.Inbound.InboundEndpointAdministration)) as Web.Features.Inbound.InboundEndpointAdministration;
        Assert.Null(await administration!.SetRateLimitAsync(InboundTestData.Admin, _endpoint.ConnectionId, 5, CancellationToken.None));
        var other = await InboundTestData.CreateEndpointAsync(_portal.Services, "Other");

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add(await PostAsync(InboundTestData.IncidentPayload($"INC{i}")));
        }

        using var otherResponse = await PostAsync(InboundTestData.IncidentPayload("INC-OTHER"), path: other.Path, authorization: other.Authorization);
        var limited = statuses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
        Assert.Equal(HttpStatusCode.Accepted, otherResponse.StatusCode);
        var accepted = statuses.Count(r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(accepted + 1, (await InboundTestData.MessagesAsync(_portal.Services)).Count);
        statuses.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task Get_OnTheReceiver_IsNotAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _endpoint.Path);
        request.Headers.Authorization = _endpoint.Authorization;

        using var response = await _client.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await InboundTestData.MessagesAsync(_portal.Services));
    }

    private Task<HttpResponseMessage> PostAsync(string body, string contentType = "application/json", string? path = null, AuthenticationHeaderValue? authorization = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path ?? _endpoint.Path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Authorization = authorization ?? _endpoint.Authorization;
        return _client.SendAsync(request);
    }

    private static ByteArrayContent Json(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>A stream whose length is unknown, so the client sends the body chunked, without Content-Length.</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
