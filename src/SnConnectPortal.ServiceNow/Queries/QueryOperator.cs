namespace SnConnectPortal.ServiceNow.Queries;

/// <summary>Encoded-query operators (ServiceNow's "Operators available for filters and queries").</summary>
public enum QueryOperator
{
    Equals,
    NotEquals,
    Like,
    NotLike,
    StartsWith,
    EndsWith,
    In,
    NotIn,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    IsEmpty,
    IsNotEmpty,
}
