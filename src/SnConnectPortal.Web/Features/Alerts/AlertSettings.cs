namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>
/// The alert settings an Admin keeps on the Alerts page: the SMTP server that sends alert emails, and the thresholds.
/// The SMTP password is never here: only when it was set.
/// </summary>
public sealed record AlertSettings(
    string? SmtpHost,
    int SmtpPort,
    string? SmtpFrom,
    SmtpTlsMode SmtpTls,
    string? SmtpUserName,
    DateTime? SmtpPasswordSetAt,
    AlertThresholds Thresholds)
{
    public static AlertSettings Default { get; } = new(null, 587, null, SmtpTlsMode.StartTls, null, null, AlertThresholds.Default);
}

/// <summary>The Alerts page's settings form. A new SMTP password lives here only until saved.</summary>
public sealed class AlertSettingsDraft
{
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public string? SmtpFrom { get; set; }

    public SmtpTlsMode SmtpTls { get; set; } = SmtpTlsMode.StartTls;

    public string? SmtpUserName { get; set; }

    /// <summary>A password typed now; empty keeps the stored one.</summary>
    public string? NewSmtpPassword { get; set; }

    public bool RemoveSmtpPassword { get; set; }

    public int BacklogAgeMinutes { get; set; }

    public int InboundSilenceMinutes { get; set; }

    public int ExpiryWarningDays { get; set; }

    public int RefreshTokenLifespanDays { get; set; }

    public static AlertSettingsDraft Of(AlertSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new AlertSettingsDraft
        {
            SmtpHost = settings.SmtpHost,
            SmtpPort = settings.SmtpPort,
            SmtpFrom = settings.SmtpFrom,
            SmtpTls = settings.SmtpTls,
            SmtpUserName = settings.SmtpUserName,
            BacklogAgeMinutes = settings.Thresholds.BacklogAgeMinutes,
            InboundSilenceMinutes = settings.Thresholds.InboundSilenceMinutes,
            ExpiryWarningDays = settings.Thresholds.ExpiryWarningDays,
            RefreshTokenLifespanDays = settings.Thresholds.RefreshTokenLifespanDays,
        };
    }
}
