namespace SnConnectPortal.ServiceNow.Records;

/// <summary>The outcome of transforming one import row through one transform map.</summary>
public enum ImportSetRowStatus
{
    Inserted,
    Updated,
    Ignored,
    Skipped,
    Error,
    Unknown,
}
