namespace SnConnectPortal.ServiceNow.Records;

/// <summary>
/// One entry of an Import Set response's <c>result</c> array: what one transform map did with the row. An error
/// here still came back with HTTP 2xx, so callers must look at <see cref="Status"/>.
/// </summary>
public sealed record ImportSetRowResult(
    string TransformMap,
    string Table,
    ImportSetRowStatus Status,
    string? SysId,
    string? DisplayValue,
    string? StatusMessage,
    string? ErrorMessage);
