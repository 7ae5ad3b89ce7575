namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>How the alert email is protected on its way to the SMTP server.</summary>
public enum SmtpTlsMode
{
    /// <summary>Plain connection upgraded with STARTTLS, which must succeed (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,

    /// <summary>No encryption: only for a relay on the same host or a trusted network.</summary>
    None,
}
