namespace SnConnectPortal.Web.Features.FieldMapping;

/// <summary>A field of a ServiceNow table as sys_dictionary describes it: its column name, label and max_length.</summary>
public sealed record TargetField(string Name, string Label, int? MaxLength);
