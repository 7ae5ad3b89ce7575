namespace SnConnectPortal.Web.Features.SystemsCheck;

/// <summary>A step about one table, so a refused call's remedy can name the role or ACL that table needs.</summary>
internal interface ITableStep
{
    string Table { get; }
}
