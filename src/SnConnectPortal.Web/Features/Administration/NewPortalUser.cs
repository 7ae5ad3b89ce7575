using FluentValidation;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Validation;

namespace SnConnectPortal.Web.Features.Administration;

/// <summary>What an administrator enters to create a portal user.</summary>
public sealed class NewPortalUser
{
    public string Email { get; set; } = "";
    public string? DisplayName { get; set; }
    public string Role { get; set; } = PortalRoles.Viewer;
    public string Password { get; set; } = "";
}

/// <summary>The rules for a new portal user; property names are the model's, so the page shows each message beside its field.</summary>
public sealed class NewPortalUserValidator : AbstractValidator<NewPortalUser>
{
    public NewPortalUserValidator()
    {
        // One message per field at a time: an empty email is "enter one", not also "not valid".
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(u => u.Email)
            .NotEmpty().WithMessage("Enter an email address.")
            .Must(email => email.Trim().Length <= FieldLengths.PortalUserEmail)
            .WithMessage(u => LengthLimit.Check("An email address", u.Email, FieldLengths.PortalUserEmail))
            .EmailAddress().WithMessage("Enter a valid email address, like name@example.com.");
        RuleFor(u => u.DisplayName)
            .Must(name => LengthLimit.Check("A display name", name, FieldLengths.PortalUserDisplayName) is null)
            .WithMessage(u => LengthLimit.Check("A display name", u.DisplayName, FieldLengths.PortalUserDisplayName));
        RuleFor(u => u.Role).Must(role => PortalRoles.All.Contains(role)).WithMessage("Choose Admin, Operator or Viewer.");
        RuleFor(u => u.Password)
            .NotEmpty().WithMessage("Enter a password.")
            .Must(password => password.Length <= FieldLengths.PortalUserPassword)
            .WithMessage(u => LengthLimit.Message("A password", FieldLengths.PortalUserPassword));
    }
}
