using SnConnectPortal.ServiceNow.Queries;
using SnConnectPortal.ServiceNow.Records;

namespace SnConnectPortal.ServiceNow;

/// <summary>
/// Typed access to one ServiceNow instance as one identity. Every failure is a
/// <see cref="Errors.ServiceNowException"/> with a kind, ServiceNow's message and detail, and a remedy; caller
/// cancellation is an <see cref="OperationCanceledException"/>.
/// </summary>
public interface IServiceNowClient
{
    ServiceNowConnectionSettings Settings { get; }

    /// <summary>One page of rows from <paramref name="table"/> at <paramref name="offset"/>, in stable sys_id order.</summary>
    Task<ServiceNowPage> QueryPageAsync(string table, TableQuery query, int offset, CancellationToken cancellationToken);

    /// <summary>
    /// Every matching row, page by page in sys_id order; only one page is held at a time. Keeps paging past short
    /// (ACL-filtered) pages until X-Total-Count is reached.
    /// </summary>
    IAsyncEnumerable<ServiceNowPage> QueryPagesAsync(string table, TableQuery query, CancellationToken cancellationToken);

    /// <inheritdoc cref="QueryPagesAsync"/>
    IAsyncEnumerable<ServiceNowRecord> QueryAllAsync(string table, TableQuery query, CancellationToken cancellationToken);

    /// <summary>Every matching sys_user row, typed.</summary>
    IAsyncEnumerable<SysUserRecord> QueryUsersAsync(TableQuery query, CancellationToken cancellationToken);

    Task<ServiceNowResult<ServiceNowRecord>> GetAsync(string table, string sysId, CancellationToken cancellationToken);

    /// <summary>The first row whose correlation_id is <paramref name="correlationId"/>, or null.</summary>
    Task<ServiceNowRecord?> FindByCorrelationIdAsync(string table, string correlationId, CancellationToken cancellationToken);

    Task<ServiceNowResult<ServiceNowRecord>> CreateAsync(string table, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken);

    /// <summary>PATCH: sets only the given fields.</summary>
    Task<ServiceNowResult<ServiceNowRecord>> UpdateAsync(string table, string sysId, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken);

    Task<ServiceNowResponseInfo> DeleteAsync(string table, string sysId, CancellationToken cancellationToken);

    /// <summary>Attachment API <c>POST /api/now/attachment/file</c>: the body is the file.</summary>
    Task<ServiceNowResult<AttachmentRecord>> UploadAttachmentAsync(
        string table, string sysId, string fileName, string contentType, Stream content, CancellationToken cancellationToken);

    /// <summary>Attachment API <c>POST /api/now/attachment/upload</c>: multipart form with the file last.</summary>
    Task<ServiceNowResult<AttachmentRecord>> UploadAttachmentMultipartAsync(
        string table, string sysId, string fileName, string contentType, Stream content, CancellationToken cancellationToken);

    Task<ServiceNowResult<AttachmentRecord>> GetAttachmentAsync(string attachmentSysId, CancellationToken cancellationToken);

    /// <summary>Copies the attachment's bytes to <paramref name="destination"/> without holding the file in memory.</summary>
    Task<ServiceNowResponseInfo> DownloadAttachmentAsync(string attachmentSysId, Stream destination, CancellationToken cancellationToken);

    /// <summary>Import Set API: one row into <paramref name="stagingTable"/>, transformed synchronously.</summary>
    Task<ServiceNowResult<ImportSetResponse>> PostImportSetAsync(
        string stagingTable, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken);
}
