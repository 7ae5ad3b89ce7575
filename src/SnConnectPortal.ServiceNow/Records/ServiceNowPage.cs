namespace SnConnectPortal.ServiceNow.Records;

/// <summary>
/// One page of a table read. <see cref="Records"/> can be shorter than the page size in the middle of a read: ServiceNow
/// filters rows by ACL after applying the limit.
/// </summary>
/// <param name="Records">The rows the user may see.</param>
/// <param name="Offset">sysparm_offset of this page.</param>
/// <param name="PageSize">sysparm_limit asked for.</param>
/// <param name="Response">Status, X-Total-Count and the other response facts.</param>
public sealed record ServiceNowPage(IReadOnlyList<ServiceNowRecord> Records, int Offset, int PageSize, ServiceNowResponseInfo Response);
