namespace SnConnectPortal.Sandbox.Tables;

/// <param name="Hidden">Stored but never returned by the API (e.g. user_password).</param>
internal sealed record FieldDefinition(
    string Name,
    string Label,
    FieldType Type = FieldType.String,
    int MaxLength = 40,
    string? ReferenceTable = null,
    bool Hidden = false)
{
    public bool IsReference => Type == FieldType.Reference;

    public string InternalType => Type switch
    {
        FieldType.Integer => "integer",
        FieldType.Boolean => "boolean",
        FieldType.GlideDateTime => "glide_date_time",
        FieldType.Reference => "reference",
        _ => "string",
    };
}
