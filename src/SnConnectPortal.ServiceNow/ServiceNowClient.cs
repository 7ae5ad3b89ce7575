using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.ServiceNow.Http;
using SnConnectPortal.ServiceNow.Queries;
using SnConnectPortal.ServiceNow.Records;
using SnConnectPortal.ServiceNow.Resilience;

namespace SnConnectPortal.ServiceNow;

/// <summary>
/// The ServiceNow Table, Attachment and Import Set APIs over one connection's <see cref="HttpClient"/>, whose handlers
/// (built by <see cref="ServiceNowClientFactory"/>) add auth, the rate limiter, retries and timeouts.
/// </summary>
public sealed partial class ServiceNowClient : IServiceNowClient
{
    private const string JsonMediaType = "application/json";

    private readonly HttpClient _httpClient;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ServiceNowClient> _logger;

    internal ServiceNowClient(HttpClient httpClient, ServiceNowConnectionSettings settings, TimeProvider timeProvider, ILogger<ServiceNowClient> logger)
    {
        _httpClient = httpClient;
        Settings = settings;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public ServiceNowConnectionSettings Settings { get; }

    public async Task<ServiceNowPage> QueryPageAsync(string table, TableQuery query, int offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var pageSize = PageSizeOf(query);
        var url = TableUrl(table) + "?" + QueryString(query, offset, pageSize);
        using var request = NewRequest(HttpMethod.Get, url);
        var (document, info) = await SendForJsonAsync(request, table, cancellationToken);
        using (document)
        {
            if (!ServiceNowResponses.TryGetResult(document, JsonValueKind.Array, out var result))
            {
                throw InvalidResponse(info, "The answer has no result array.", request, table);
            }

            var records = new List<ServiceNowRecord>(result.GetArrayLength());
            foreach (var row in result.EnumerateArray())
            {
                records.Add(ServiceNowRecord.FromJson(row));
            }

            return new ServiceNowPage(records, offset, pageSize, info);
        }
    }

    public async IAsyncEnumerable<ServiceNowPage> QueryPagesAsync(string table, TableQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var offset = 0;
        while (true)
        {
            var page = await QueryPageAsync(table, query, offset, cancellationToken);
            yield return page;

            // ACLs remove rows after sysparm_limit is applied, so a short or even empty page is not the end:
            // X-Total-Count (rows before ACL filtering) is. Without it, only an empty page can end the read.
            offset += page.PageSize;
            var done = page.Response.TotalCount is { } total ? offset >= total : page.Records.Count == 0;
            if (done)
            {
                yield break;
            }
        }
    }

    public async IAsyncEnumerable<ServiceNowRecord> QueryAllAsync(string table, TableQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in QueryPagesAsync(table, query, cancellationToken))
        {
            foreach (var record in page.Records)
            {
                yield return record;
            }
        }
    }

    public async IAsyncEnumerable<SysUserRecord> QueryUsersAsync(TableQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in QueryAllAsync("sys_user", query, cancellationToken))
        {
            yield return SysUserRecord.From(record);
        }
    }

    public async Task<ServiceNowResult<ServiceNowRecord>> GetAsync(string table, string sysId, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Get, $"{TableUrl(table)}/{Uri.EscapeDataString(sysId)}?sysparm_exclude_reference_link=true");
        return await SendForRecordAsync(request, table, cancellationToken);
    }

    public async Task<ServiceNowRecord?> FindByCorrelationIdAsync(string table, string correlationId, CancellationToken cancellationToken)
    {
        var query = new TableQuery { Query = EncodedQuery.Create().Where("correlation_id", correlationId), PageSize = 1 };
        var page = await QueryPageAsync(table, query, 0, cancellationToken);
        return page.Records.Count > 0 ? page.Records[0] : null;
    }

    public async Task<ServiceNowResult<ServiceNowRecord>> CreateAsync(string table, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Post, TableUrl(table) + "?sysparm_exclude_reference_link=true");
        request.Content = JsonBody(fields);
        return await SendForRecordAsync(request, table, cancellationToken);
    }

    public async Task<ServiceNowResult<ServiceNowRecord>> UpdateAsync(
        string table, string sysId, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Patch, $"{TableUrl(table)}/{Uri.EscapeDataString(sysId)}?sysparm_exclude_reference_link=true");
        request.Content = JsonBody(fields);
        return await SendForRecordAsync(request, table, cancellationToken);
    }

    public async Task<ServiceNowResponseInfo> DeleteAsync(string table, string sysId, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Delete, $"{TableUrl(table)}/{Uri.EscapeDataString(sysId)}");
        var (response, info) = await SendAsync(request, table, cancellationToken);
        response.Dispose();
        return info;
    }

    public async Task<ServiceNowResult<AttachmentRecord>> UploadAttachmentAsync(
        string table, string sysId, string fileName, string contentType, Stream content, CancellationToken cancellationToken)
    {
        var url = "api/now/attachment/file?table_name=" + Uri.EscapeDataString(CheckedTable(table)) +
            "&table_sys_id=" + Uri.EscapeDataString(sysId) + "&file_name=" + Uri.EscapeDataString(fileName);
        using var request = NewRequest(HttpMethod.Post, url);
        await using var copy = await CopyIfNotSeekableAsync(content, cancellationToken);
        request.Content = new RewindableStreamContent(copy ?? content);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var result = await SendForRecordAsync(request, table, cancellationToken);
        return new ServiceNowResult<AttachmentRecord>(AttachmentRecord.From(result.Value), result.Response, result.RawJson);
    }

    public async Task<ServiceNowResult<AttachmentRecord>> UploadAttachmentMultipartAsync(
        string table, string sysId, string fileName, string contentType, Stream content, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Post, "api/now/attachment/upload");
        await using var copy = await CopyIfNotSeekableAsync(content, cancellationToken);
        var file = new RewindableStreamContent(copy ?? content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        // The Attachment API needs the file part last.
        request.Content = new MultipartFormDataContent
        {
            { new StringContent(CheckedTable(table)), "table_name" },
            { new StringContent(sysId), "table_sys_id" },
            { file, "uploadFile", fileName },
        };
        var result = await SendForRecordAsync(request, table, cancellationToken);
        return new ServiceNowResult<AttachmentRecord>(AttachmentRecord.From(result.Value), result.Response, result.RawJson);
    }

    public async Task<ServiceNowResult<AttachmentRecord>> GetAttachmentAsync(string attachmentSysId, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Get, "api/now/attachment/" + Uri.EscapeDataString(attachmentSysId));
        var result = await SendForRecordAsync(request, null, cancellationToken);
        return new ServiceNowResult<AttachmentRecord>(AttachmentRecord.From(result.Value), result.Response, result.RawJson);
    }

    public async Task<ServiceNowResponseInfo> DownloadAttachmentAsync(string attachmentSysId, Stream destination, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Get, $"api/now/attachment/{Uri.EscapeDataString(attachmentSysId)}/file");
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        request.Options.Set(ServiceNowRequestOptions.StreamResponse, true);
        var (response, info) = await SendAsync(request, null, cancellationToken);
        using (response)
        {
            // The retry pipeline has returned; the body still streams, so bound it by the overall deadline here.
            using var deadline = new CancellationTokenSource(Settings.OverallDeadline, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(linked.Token);
                await body.CopyToAsync(destination, linked.Token);
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ServiceNowException(ServiceNowErrorMapper.FromException(
                    new TimeoutRejectedException(Settings.OverallDeadline), ContextOf(request, null, Settings.OverallDeadline)), exception);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException)
            {
                throw new ServiceNowException(ServiceNowErrorMapper.FromException(exception, ContextOf(request, null, null)), exception);
            }
        }

        return info;
    }

    public async Task<ServiceNowResult<ImportSetResponse>> PostImportSetAsync(
        string stagingTable, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Post, "api/now/import/" + CheckedTable(stagingTable));
        request.Content = JsonBody(fields);
        var (document, info) = await SendForJsonAsync(request, stagingTable, cancellationToken);
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw InvalidResponse(info, "The import answer is not a JSON object.", request, stagingTable);
            }

            return new ServiceNowResult<ImportSetResponse>(ServiceNowResponses.ImportSetOf(document.RootElement), info, document.RootElement.GetRawText());
        }
    }

    private async Task<ServiceNowResult<ServiceNowRecord>> SendForRecordAsync(HttpRequestMessage request, string? table, CancellationToken cancellationToken)
    {
        var (document, info) = await SendForJsonAsync(request, table, cancellationToken);
        using (document)
        {
            if (!ServiceNowResponses.TryGetResult(document, JsonValueKind.Object, out var result))
            {
                throw InvalidResponse(info, "The answer has no result object.", request, table);
            }

            return new ServiceNowResult<ServiceNowRecord>(ServiceNowRecord.FromJson(result), info, document.RootElement.GetRawText());
        }
    }

    private async Task<(JsonDocument Document, ServiceNowResponseInfo Info)> SendForJsonAsync(
        HttpRequestMessage request, string? table, CancellationToken cancellationToken)
    {
        var (response, info) = await SendAsync(request, table, cancellationToken);
        using (response)
        {
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                return (await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken), info);
            }
            catch (JsonException)
            {
                throw InvalidResponse(info, $"The answer is not JSON (Content-Type {response.Content.Headers.ContentType?.MediaType ?? "none"}).", request, table);
            }
        }
    }

    /// <summary>Sends through the handler pipeline; a non-2xx answer or transport failure becomes a ServiceNowException.</summary>
    private async Task<(HttpResponseMessage Response, ServiceNowResponseInfo Info)> SendAsync(
        HttpRequestMessage request, string? table, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            var completion = request.Options.TryGetValue(ServiceNowRequestOptions.StreamResponse, out var stream) && stream
                ? HttpCompletionOption.ResponseHeadersRead
                : HttpCompletionOption.ResponseContentRead;
            response = await _httpClient.SendAsync(request, completion, cancellationToken);
        }
        catch (ServiceNowException exception) when (exception.Error.Request is null)
        {
            throw new ServiceNowException(exception.Error with { Request = ContextOf(request, table, null).Request }, exception.InnerException);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or IOException)
        {
            var timeout = (exception as TimeoutRejectedException)?.Timeout;
            var error = ServiceNowErrorMapper.FromException(exception, ContextOf(request, table, timeout));
            _logger.LogWarning("ServiceNow {Method} {Path} on {Connection} failed: {Kind} {Detail}",
                request.Method, request.RequestUri?.AbsolutePath, Settings.ConnectionIdentity, error.Kind, error.Detail);
            throw new ServiceNowException(error, exception);
        }

        var info = ServiceNowResponses.InfoOf(response, _timeProvider.GetElapsedTime(started));
        if (ServiceNowErrorMapper.IsSuccess(response.StatusCode))
        {
            return (response, info);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var retryAfter = ServiceNowErrorMapper.RetryAfterOf(response.Headers, _timeProvider.GetUtcNow());
            var error = ServiceNowErrorMapper.FromResponse((int)response.StatusCode, body, retryAfter, ContextOf(request, table, null));
            _logger.LogWarning("ServiceNow {Method} {Path} on {Connection} answered {Status} {Kind}: {Message} / {Detail}",
                request.Method, request.RequestUri?.AbsolutePath, Settings.ConnectionIdentity, error.StatusCode, error.Kind, error.Message, error.Detail);
            throw new ServiceNowException(error);
        }
    }

    private ServiceNowException InvalidResponse(ServiceNowResponseInfo info, string problem, HttpRequestMessage request, string? table) =>
        new(ServiceNowErrorMapper.InvalidResponse(info.StatusCode, problem, ContextOf(request, table, null)));

    private ServiceNowCallContext ContextOf(HttpRequestMessage request, string? table, TimeSpan? timeout) => new(
        Settings.AuthMode,
        Settings.UserName ?? Settings.ClientId,
        request.Method.Method,
        request.RequestUri is { IsAbsoluteUri: true } absolute ? absolute.AbsolutePath : "/" + request.RequestUri?.OriginalString.Split('?')[0],
        table,
        timeout);

    private int PageSizeOf(TableQuery query)
    {
        var pageSize = query.PageSize ?? Settings.PageSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, ServiceNowConnectionSettings.MaxPageSize, nameof(query));
        return pageSize;
    }

    private static string QueryString(TableQuery query, int offset, int pageSize)
    {
        var encoded = query.Query?.Build() ?? string.Empty;

        // Offset paging is only stable when the order is total: sys_id is unique, so it breaks every tie.
        if (query.Query?.IsOrderedBy("sys_id") != true)
        {
            encoded = encoded.Length == 0 ? "ORDERBYsys_id" : encoded + "^ORDERBYsys_id";
        }

        var parts = new List<string>
        {
            "sysparm_query=" + Uri.EscapeDataString(encoded),
            "sysparm_limit=" + pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "sysparm_offset=" + offset.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "sysparm_exclude_reference_link=true",
            "sysparm_suppress_pagination_header=true",
        };
        if (query.Fields is { Count: > 0 } fields)
        {
            parts.Add("sysparm_fields=" + Uri.EscapeDataString(string.Join(',', fields)));
        }

        if (query.DisplayValues)
        {
            parts.Add("sysparm_display_value=true");
        }

        return string.Join('&', parts);
    }

    private static HttpRequestMessage NewRequest(HttpMethod method, string relativeUrl)
    {
        var request = new HttpRequestMessage(method, new Uri(relativeUrl, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonMediaType));
        return request;
    }

    private static ByteArrayContent JsonBody(IReadOnlyDictionary<string, string> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(JsonMediaType) { CharSet = "utf-8" };
        return content;
    }

    /// <summary>Null when the stream can rewind for a retry; otherwise a copy in memory that can.</summary>
    private static async Task<MemoryStream?> CopyIfNotSeekableAsync(Stream content, CancellationToken cancellationToken)
    {
        if (content.CanSeek)
        {
            return null;
        }

        var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        copy.Position = 0;
        return copy;
    }

    private static string TableUrl(string table) => "api/now/table/" + CheckedTable(table);

    private static string CheckedTable(string table) => TableName().IsMatch(table)
        ? table
        : throw new ArgumentException($"'{table}' is not a ServiceNow table name (letters, digits and _).", nameof(table));

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex TableName();
}
