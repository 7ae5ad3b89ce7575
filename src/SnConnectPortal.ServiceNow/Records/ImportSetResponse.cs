namespace SnConnectPortal.ServiceNow.Records;

/// <summary>The synchronous transform result of an Import Set API post.</summary>
public sealed record ImportSetResponse(string ImportSet, string StagingTable, IReadOnlyList<ImportSetRowResult> Results)
{
    public bool HasErrors => Results.Any(r => r.Status == ImportSetRowStatus.Error);
}
