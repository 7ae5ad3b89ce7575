namespace SnConnectPortal.Web.Features.SystemsCheck;

/// <summary>Bounds of the Systems Check. Section <c>SystemsCheck</c>.</summary>
public sealed class SystemsCheckOptions
{
    public const string SectionName = "SystemsCheck";

    /// <summary>Longest time one step may take, ServiceNow calls included; a hanging instance fails the step then.</summary>
    public double StepTimeoutSeconds { get; set; } = 15;

    /// <summary>Clock difference up to which the clock step passes.</summary>
    public double ClockSkewWarnSeconds { get; set; } = 30;

    /// <summary>Clock difference above which the clock step fails.</summary>
    public double ClockSkewFailSeconds { get; set; } = 120;

    /// <summary>A certificate that expires sooner than this gives a warning.</summary>
    public int CertificateExpiryWarnDays { get; set; } = 21;

    public TimeSpan StepTimeout => TimeSpan.FromSeconds(StepTimeoutSeconds);
}
