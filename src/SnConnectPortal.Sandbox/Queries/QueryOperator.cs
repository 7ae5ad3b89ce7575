namespace SnConnectPortal.Sandbox.Queries;

internal enum QueryOperator
{
    Equals,
    NotEquals,
    Like,
    NotLike,
    StartsWith,
    EndsWith,
    In,
    NotIn,
    IsEmpty,
    IsNotEmpty,
    LessThan,
    LessOrEqual,
    GreaterThan,
    GreaterOrEqual,
}
