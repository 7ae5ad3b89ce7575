namespace SnConnectPortal.Sandbox.Tables;

internal enum FieldType
{
    String,
    Integer,
    Boolean,
    GlideDateTime,
    Reference,
}
