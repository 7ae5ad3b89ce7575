using FluentValidation;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Connections;

namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>
/// A recipient's rules: a bare email address, or an absolute https URL for a webhook (http only for hosts listed in
/// <c>Connections:AllowedInsecureHosts</c>), and at least one kind of alert.
/// </summary>
public sealed class AlertRecipientDraftValidator : AbstractValidator<AlertRecipientDraft>
{
    public const int MaxUrlLength = 2000;

    public AlertRecipientDraftValidator(IOptions<ConnectionsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var insecure = options.Value.AllowedInsecureHosts;
        RuleFor(d => d.Channel).IsInEnum().WithMessage("Choose email or webhook.");
        RuleFor(d => d.Address).Must(AlertSettingsDraftValidator.IsEmailAddress).When(d => d.Channel == AlertChannel.Email)
            .WithMessage("Enter an email address, like oncall@example.com.");
        RuleFor(d => d.Address).Custom((address, context) =>
        {
            if (context.InstanceToValidate.Channel != AlertChannel.Webhook)
            {
                return;
            }

            var text = address.Trim();
            if (text.Length > MaxUrlLength || !Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(url.UserInfo))
            {
                context.AddFailure(nameof(AlertRecipientDraft.Address), "Enter the webhook's whole URL, like https://hooks.slack.com/services/…");
            }
            else if (url.Scheme == Uri.UriSchemeHttp && !insecure.Any(h => string.Equals(h, url.Host, StringComparison.OrdinalIgnoreCase)))
            {
                context.AddFailure(nameof(AlertRecipientDraft.Address), "A webhook URL must use https: alerts say which connection is failing and why.");
            }
        });
        RuleFor(d => d.Kinds).NotEmpty().WithMessage("Choose at least one kind of alert.");
    }
}
