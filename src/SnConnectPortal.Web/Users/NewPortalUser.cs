using FluentValidation;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Users;

/// <summary>What an administrator enters to create a portal user.</summary>
public sealed class NewPortalUser
{
    public string Email { get; set; } = "";
    public string? DisplayName { get; set; }
    public string Role { get; set; } = PortalRoles.Viewer;
    public string Password { get; set; } = "";
}

public sealed class NewPortalUserValidator : AbstractValidator<NewPortalUser>
{
    public NewPortalUserValidator()
    {
        RuleFor(u => u.Email).NotEmpty().WithMessage("Enter an email address.")
            .MaximumLength(256).WithMessage("An email address has at most 256 characters.")
            .EmailAddress().WithMessage("Enter a valid email address, like name@example.com.");
        RuleFor(u => u.DisplayName).MaximumLength(200).WithMessage("A display name has at most 200 characters.");
        RuleFor(u => u.Role).Must(role => PortalRoles.All.Contains(role)).WithMessage("Choose Admin, Operator or Viewer.");
        RuleFor(u => u.Password).NotEmpty().WithMessage("Enter a password.")
            .MaximumLength(128).WithMessage("A password has at most 128 characters.");
    }
}
