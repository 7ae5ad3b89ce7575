using FluentValidation;
using MimeKit;

namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>The Alerts page's settings rules; property names are the draft's, so each message shows beside its field.</summary>
public sealed class AlertSettingsDraftValidator : AbstractValidator<AlertSettingsDraft>
{
    public const int MaxBacklogAgeMinutes = 10_080;
    public const int MaxSilenceMinutes = 43_200;
    public const int MinMinutes = 5;
    public const int MaxWarningDays = 90;
    public const int MaxLifespanDays = 3_650;
    public const int MaxPasswordLength = 256;

    public AlertSettingsDraftValidator()
    {
        RuleFor(d => d.SmtpHost).Must(h => h is null || (h.Trim().Length <= 255 && !h.Trim().Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) && Uri.CheckHostName(h.Trim()) != UriHostNameType.Unknown))
            .WithMessage("Enter the SMTP server's host name or address, like smtp.example.com (no scheme, no port).");
        RuleFor(d => d.SmtpPort).InclusiveBetween(1, 65_535).WithMessage("The SMTP port is between 1 and 65,535 (usually 587, or 465 for TLS from the start).");
        RuleFor(d => d.SmtpFrom).Must(f => !string.IsNullOrWhiteSpace(f)).When(d => !string.IsNullOrWhiteSpace(d.SmtpHost))
            .WithMessage("Enter the address alert emails come from, like portal-alerts@example.com.");
        RuleFor(d => d.SmtpFrom).Must(IsEmailAddress).When(d => !string.IsNullOrWhiteSpace(d.SmtpFrom))
            .WithMessage("The sender is an email address, like portal-alerts@example.com.");
        RuleFor(d => d.SmtpTls).IsInEnum().WithMessage("Choose STARTTLS, TLS from the start, or none.");
        RuleFor(d => d.SmtpUserName).Must(u => u is null || u.Trim().Length <= 256).WithMessage("An SMTP user name is at most 256 characters.");
        RuleFor(d => d.NewSmtpPassword).Must(p => p is null || p.Length <= MaxPasswordLength).WithMessage($"An SMTP password is at most {MaxPasswordLength} characters.");
        RuleFor(d => d.BacklogAgeMinutes).Must(m => m == 0 || m is >= MinMinutes and <= MaxBacklogAgeMinutes)
            .WithMessage($"The backlog age is 0 (off) or from {MinMinutes} to {MaxBacklogAgeMinutes:N0} minutes.");
        RuleFor(d => d.InboundSilenceMinutes).Must(m => m == 0 || m is >= MinMinutes and <= MaxSilenceMinutes)
            .WithMessage($"The inbound silence is 0 (off) or from {MinMinutes} to {MaxSilenceMinutes:N0} minutes.");
        RuleFor(d => d.ExpiryWarningDays).InclusiveBetween(1, MaxWarningDays)
            .WithMessage($"Warn from 1 to {MaxWarningDays} days before a token, certificate or password ends.");
        RuleFor(d => d.RefreshTokenLifespanDays).InclusiveBetween(1, MaxLifespanDays)
            .WithMessage($"The refresh token lifespan is from 1 to {MaxLifespanDays:N0} days (ServiceNow's default is 100).");
    }

    /// <summary>A bare address (no display name), as MimeKit reads it.</summary>
    public static bool IsEmailAddress(string? text) =>
        text is not null && text.Trim().Length <= 254 && MailboxAddress.TryParse(text.Trim(), out var mailbox)
        && string.IsNullOrEmpty(mailbox.Name) && mailbox.Address.Contains('@', StringComparison.Ordinal) && !mailbox.Address.EndsWith('@');
}
