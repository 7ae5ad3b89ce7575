using FluentValidation;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Validation;

namespace SnConnectPortal.Web.Features.UserDirectory;

/// <summary>
/// What makes a hub user (form or CSV row) acceptable, on the values as they will be stored (trimmed; the display name
/// falls back to the email). Lengths are the columns' (<see cref="FieldLengths"/>): too long is refused, never cut.
/// Each message names the input it is about, so the form shows it beside that field.
/// </summary>
public sealed class HubUserInputValidator : AbstractValidator<HubUserInput>
{
    public HubUserInputValidator()
    {
        RuleFor(input => Clean(input.DisplayName) ?? Clean(input.Email))
            .NotNull().WithMessage("A display name or an email is required.")
            .OverridePropertyName(nameof(HubUserInput.DisplayName));
        RuleFor(input => Clean(input.DisplayName))
            .Must(name => LengthLimit.Check("A display name", name, FieldLengths.HubUserDisplayName) is null)
            .WithMessage(LengthLimit.Message("A display name", FieldLengths.HubUserDisplayName))
            .OverridePropertyName(nameof(HubUserInput.DisplayName));
        RuleFor(input => Clean(input.ExternalId))
            .Must((input, externalId) => externalId is not null || Clean(input.Email) is not null)
            .WithMessage("An external id or an email is required, so the hub user can be found again.")
            .Must(externalId => LengthLimit.Check("An external id", externalId, FieldLengths.HubUserExternalId) is null)
            .WithMessage(LengthLimit.Message("An external id", FieldLengths.HubUserExternalId))
            .OverridePropertyName(nameof(HubUserInput.ExternalId));
        RuleFor(input => Clean(input.Email))
            .Cascade(CascadeMode.Stop)
            .Must(email => LengthLimit.Check("An email address", email, FieldLengths.HubUserEmail) is null)
            .WithMessage(LengthLimit.Message("An email address", FieldLengths.HubUserEmail))
            .Must(email => email is null || LooksLikeEmail(email))
            .WithMessage((_, email) => email!.Length <= 60 ? $"'{email}' is not an email address." : "This is not an email address.")
            .Must((input, email) => Clean(input.DisplayName) is not null || LengthLimit.Check("An email address", email, FieldLengths.HubUserDisplayName) is null)
            .WithMessage($"Without a display name the email is shown as one, which has at most {FieldLengths.HubUserDisplayName} characters: enter a display name.")
            .OverridePropertyName(nameof(HubUserInput.Email));
        RuleFor(input => Clean(input.UserName))
            .Must(userName => LengthLimit.Check("A user name", userName, FieldLengths.HubUserUserName) is null)
            .WithMessage(LengthLimit.Message("A user name", FieldLengths.HubUserUserName))
            .OverridePropertyName(nameof(HubUserInput.UserName));
    }

    /// <summary>The value as stored: trimmed, and null when blank.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool LooksLikeEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1 &&
            value[(at + 1)..].Contains('.', StringComparison.Ordinal) && !value.Any(char.IsWhiteSpace) && !value.Any(char.IsControl);
    }
}
