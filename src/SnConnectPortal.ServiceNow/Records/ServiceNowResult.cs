namespace SnConnectPortal.ServiceNow.Records;

/// <summary>A successful call's typed value, the response facts, and the body as ServiceNow sent it.</summary>
public sealed record ServiceNowResult<T>(T Value, ServiceNowResponseInfo Response, string RawJson);
