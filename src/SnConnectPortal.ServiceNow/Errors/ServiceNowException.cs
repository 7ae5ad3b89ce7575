namespace SnConnectPortal.ServiceNow.Errors;

/// <summary>
/// A failed ServiceNow call: what kind of failure, the HTTP status, ServiceNow's own error message and detail, and a
/// remedy an administrator can act on. Never carries credentials, tokens or request bodies.
/// </summary>
public sealed class ServiceNowException : Exception
{
    public ServiceNowException(ServiceNowError error, Exception? innerException = null)
        : base(error.Describe(), innerException)
    {
        Error = error;
    }

    public ServiceNowException()
        : this(new ServiceNowError(ServiceNowErrorKind.Unexpected, null, null, null, "Unknown ServiceNow failure."))
    {
    }

    public ServiceNowException(string message)
        : this(new ServiceNowError(ServiceNowErrorKind.Unexpected, null, message, null, message))
    {
    }

    public ServiceNowException(string message, Exception innerException)
        : this(new ServiceNowError(ServiceNowErrorKind.Unexpected, null, message, null, message), innerException)
    {
    }

    public ServiceNowError Error { get; }

    public ServiceNowErrorKind Kind => Error.Kind;

    public int? StatusCode => Error.StatusCode;
}
