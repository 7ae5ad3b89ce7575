namespace SnConnectPortal.Web;

/// <summary>What kind of failure a <see cref="ServiceResult"/> is, so that an endpoint answers the right HTTP status.</summary>
public enum ServiceFailure
{
    /// <summary>The request cannot be done as asked (400); the default.</summary>
    Invalid,

    /// <summary>The user's role may not do this (403).</summary>
    Forbidden,

    /// <summary>What the request names does not exist (404).</summary>
    NotFound,

    /// <summary>What the request names is not in a state that allows it (409).</summary>
    Conflict,
}

/// <summary>
/// The outcome of a service's action, for every feature: done, or the reasons in plain words and what kind of failure
/// it is. A reason about one field of a form is also keyed by that field's property name, so the page shows it beside
/// the field.
/// </summary>
public record ServiceResult(IReadOnlyList<string> Errors, IReadOnlyDictionary<string, string>? FieldErrors = null)
{
    public static ServiceResult Success { get; } = new([]);

    public bool Succeeded => Errors.Count == 0;

    /// <summary>What kind of failure this is; null when the action succeeded.</summary>
    public ServiceFailure? Failure
    {
        get => Succeeded ? null : field ?? ServiceFailure.Invalid;
        init;
    }

    /// <summary>The reasons in one line, for a notice.</summary>
    public string ErrorText => string.Join(" ", Errors);

    /// <summary>The message for one field, or null.</summary>
    public string? ErrorFor(string property) => FieldErrors?.GetValueOrDefault(property);

    public static ServiceResult Fail(params string[] errors) => new(errors);

    public static ServiceResult FieldError(string property, string message) =>
        new([message], new Dictionary<string, string> { [property] = message });

    public static ServiceResult Forbidden(string error) => new([error]) { Failure = ServiceFailure.Forbidden };

    public static ServiceResult NotFound(string error) => new([error]) { Failure = ServiceFailure.NotFound };

    public static ServiceResult Conflict(string error) => new([error]) { Failure = ServiceFailure.Conflict };
}

/// <summary>A <see cref="ServiceResult"/> that also carries what the action made or found (e.g. a new row's id).</summary>
public sealed record ServiceResult<T>(T? Value, IReadOnlyList<string> Errors, IReadOnlyDictionary<string, string>? FieldErrors = null)
    : ServiceResult(Errors, FieldErrors)
{
    public static ServiceResult<T> Ok(T value) => new(value, []);

    public static new ServiceResult<T> Fail(params string[] errors) => new(default, errors);

    public static new ServiceResult<T> Forbidden(string error) => new(default, [error]) { Failure = ServiceFailure.Forbidden };

    public static new ServiceResult<T> NotFound(string error) => new(default, [error]) { Failure = ServiceFailure.NotFound };

    public static new ServiceResult<T> Conflict(string error) => new(default, [error]) { Failure = ServiceFailure.Conflict };
}
