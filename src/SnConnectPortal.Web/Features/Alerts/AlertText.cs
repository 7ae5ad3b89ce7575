using System.Globalization;
using System.Text;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>The words of a notice: a subject, the one-line text a chat shows, and an email's body.</summary>
public static class AlertText
{
    public const string Product = "SnConnectPortal";

    public static string Title(AlertKind kind) => kind switch
    {
        AlertKind.ConnectionFailing => "Connection failing",
        AlertKind.DeliveryBacklog => "Delivery falling behind",
        AlertKind.DeadLetters => "Dead letters",
        AlertKind.InboundSilence => "Inbound messages stopped",
        AlertKind.RefreshTokenExpiring => "OAuth refresh token nearing its end",
        AlertKind.CertificateExpiring => "TLS certificate nearing its end",
        AlertKind.PasswordExpiring => "Password nearing its expiry",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>e.g. "[SnConnectPortal] ALERT Acme production: Connection failing".</summary>
    public static string Subject(AlertNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return notice.State switch
        {
            AlertNoticeState.Test => $"[{Product}] Test alert",
            AlertNoticeState.Resolved => $"[{Product}] RESOLVED {notice.ConnectionName}: {Title(notice.Kind!.Value)}",
            _ => $"[{Product}] ALERT {notice.ConnectionName}: {Title(notice.Kind!.Value)}",
        };
    }

    /// <summary>What a chat shows (Slack's and Teams' <c>text</c>): the subject, then the detail.</summary>
    public static string Line(AlertNotice notice) => $"{Subject(notice)}. {notice.Detail}";

    public static string EmailBody(AlertNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var body = new StringBuilder();
        body.AppendLine(notice.Detail).AppendLine();
        if (notice.Kind is { } kind)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"Connection: {notice.ConnectionName}");
            body.AppendLine(CultureInfo.InvariantCulture, $"Alert: {Title(kind)} ({kind})");
            body.AppendLine(CultureInfo.InvariantCulture, $"Opened: {Time(notice.OpenedAt)}");
            if (notice.ResolvedAt is { } resolved)
            {
                body.AppendLine(CultureInfo.InvariantCulture, $"Resolved: {Time(resolved)}");
            }
        }

        body.AppendLine().Append(notice.State == AlertNoticeState.Opened
            ? "You get one notice when this starts and one when it ends. Who gets which alerts is set on the portal's Administration > Alerts page."
            : "Who gets which alerts is set on the portal's Administration > Alerts page.");
        return body.ToString();
    }

    public static string Time(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
