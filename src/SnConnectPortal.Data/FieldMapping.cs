namespace SnConnectPortal.Data;

/// <summary>
/// How the events of one connection and table become a ServiceNow record (PRODUCT.md section 6): the rules, the
/// threshold below which an event is skipped, and the target fields' lengths as the instance's sys_dictionary gave
/// them. The rules and the fields are JSON, read and written by the portal's field mapping feature only.
/// </summary>
public class FieldMapping
{
    public long Id { get; set; }

    public long ConnectionId { get; set; }

    /// <summary>The ServiceNow table, e.g. incident.</summary>
    public required string TableName { get; set; }

    /// <summary>The rules as a JSON array, in the order they are applied.</summary>
    public required string Rules { get; set; }

    /// <summary>The event field whose number decides whether a record is made; null for no threshold.</summary>
    public string? ThresholdField { get; set; }

    /// <summary>The smallest number in <see cref="ThresholdField"/> that still makes a record.</summary>
    public decimal? ThresholdMinimum { get; set; }

    /// <summary>The table's fields from sys_dictionary (name, label, max length) as a JSON array; [] until read.</summary>
    public required string TargetFields { get; set; }

    /// <summary>When <see cref="TargetFields"/> was read from the instance; null when never.</summary>
    public DateTime? TargetFieldsReadAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}
