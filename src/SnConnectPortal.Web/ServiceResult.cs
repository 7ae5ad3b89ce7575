namespace SnConnectPortal.Web;

/// <summary>
/// The outcome of a service's action, for every feature: done, or the reasons in plain words. A reason about one field
/// of a form is also keyed by that field's property name, so the page shows it beside the field.
/// </summary>
public record ServiceResult(IReadOnlyList<string> Errors, IReadOnlyDictionary<string, string>? FieldErrors = null)
{
    public static ServiceResult Success { get; } = new([]);

    public bool Succeeded => Errors.Count == 0;

    /// <summary>The reasons in one line, for a notice.</summary>
    public string ErrorText => string.Join(" ", Errors);

    /// <summary>The message for one field, or null.</summary>
    public string? ErrorFor(string property) => FieldErrors?.GetValueOrDefault(property);

    public static ServiceResult Fail(params string[] errors) => new(errors);

    public static ServiceResult FieldError(string property, string message) =>
        new([message], new Dictionary<string, string> { [property] = message });
}

/// <summary>A <see cref="ServiceResult"/> that also carries what the action made or found (e.g. a new row's id).</summary>
public sealed record ServiceResult<T>(T? Value, IReadOnlyList<string> Errors, IReadOnlyDictionary<string, string>? FieldErrors = null)
    : ServiceResult(Errors, FieldErrors)
{
    public static ServiceResult<T> Ok(T value) => new(value, []);

    public static new ServiceResult<T> Fail(params string[] errors) => new(default, errors);
}
