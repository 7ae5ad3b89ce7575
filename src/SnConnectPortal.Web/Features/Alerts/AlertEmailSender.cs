using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>Sends a notice as a plain-text email through the SMTP server set on the Alerts page (MailKit).</summary>
public sealed class AlertEmailSender(AlertSettingsStore settingsStore, IOptions<AlertsOptions> options)
{
    public async Task SendAsync(AlertNotice notice, string to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var settings = await settingsStore.GetAsync(cancellationToken);
        if (settings.SmtpHost is not { } host || settings.SmtpFrom is not { } from)
        {
            throw new AlertDeliveryException("No SMTP server is set: enter one under Email server on the Alerts page.");
        }

        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = AlertText.Subject(notice);
        message.Body = new TextPart("plain") { Text = AlertText.EmailBody(notice) };

        using var client = new SmtpClient { Timeout = options.Value.SendTimeoutSeconds * 1000 };
        await client.ConnectAsync(host, settings.SmtpPort, settings.SmtpTls switch
        {
            SmtpTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
            SmtpTlsMode.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        }, cancellationToken);
        if (settings.SmtpUserName is { } user)
        {
            await client.AuthenticateAsync(user, await settingsStore.SmtpPasswordAsync(cancellationToken) ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
