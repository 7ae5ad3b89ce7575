using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.Alerts;
using SnConnectPortal.Web.Features.Connections;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Alerts;

/// <summary>
/// The real parts an alert passes through: the sandbox as its own process, the portal in-process on its own SQLite file
/// (scheduled checks and the alert evaluation every second), an SMTP server (aiosmtpd) and a webhook receiver, all on loopback.
/// </summary>
public sealed class AlertsFixture : IAsyncLifetime
{
    public const string IntegrationUser = "snc.integration";
    public const string IntegrationPassword = "snc-integration-pw";

    private SandboxProcess? _sandbox;
    private PortalFactory? _portal;
    private SmtpSink? _smtp;
    private WebhookReceiver? _webhooks;

    public SandboxProcess Sandbox => _sandbox ?? throw new InvalidOperationException("Not started.");

    public PortalFactory Portal => _portal ?? throw new InvalidOperationException("Not started.");

    public SmtpSink Smtp => _smtp ?? throw new InvalidOperationException("Not started.");

    public WebhookReceiver Webhooks => _webhooks ?? throw new InvalidOperationException("Not started.");

    public System.Security.Claims.ClaimsPrincipal Admin { get; } = TestPrincipal.Of("alerts-admin@example.com", PortalRoles.Admin);

    public IDbContextFactory<PortalDbContext> Db => Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxProcess.StartAsync();
        _smtp = await SmtpSink.StartAsync();
        _webhooks = await WebhookReceiver.StartAsync();
        _portal = new PortalFactory(new Dictionary<string, string?>
        {
            ["Connections:AllowedPrivateHosts:0"] = "127.0.0.1",
            ["Connections:AllowedInsecureHosts:0"] = "127.0.0.1",
            ["SystemsCheck:StepTimeoutSeconds"] = "10",
            ["Alerts:ScheduleTickSeconds"] = "1",
            ["Alerts:EvaluateSeconds"] = "1",
            ["Alerts:SendTimeoutSeconds"] = "10",
        });
        await _portal.CreateUserAsync("bootstrap-admin@example.com", "bootstrap-password", PortalRoles.Admin);
        var saved = await _portal.Services.GetRequiredService<AlertSettingsStore>().SaveAsync(Admin, new AlertSettingsDraft
        {
            SmtpHost = "127.0.0.1",
            SmtpPort = _smtp.Port,
            SmtpFrom = "portal-alerts@example.com",
            SmtpTls = SmtpTlsMode.None,
            BacklogAgeMinutes = 30,
            InboundSilenceMinutes = 0,
            ExpiryWarningDays = 14,
            RefreshTokenLifespanDays = 100,
        }, CancellationToken.None);
        Assert.True(saved.Succeeded, saved.ErrorText);
    }

    public async Task DisposeAsync()
    {
        if (_portal is not null)
        {
            await _portal.DisposeAsync();
        }

        foreach (var part in new IAsyncDisposable?[] { _webhooks, _smtp, _sandbox })
        {
            if (part is not null)
            {
                await part.DisposeAsync();
            }
        }
    }

    /// <summary>A Basic connection to the sandbox with its Systems Check every <paramref name="scheduledMinutes"/>, never checked yet.</summary>
    public async Task<long> CreateConnectionAsync(string name, int? scheduledMinutes)
    {
        var unique = $"{name}-{Guid.NewGuid():N}"[..40];
        await using var db = await Db.CreateDbContextAsync();
        var connection = new Connection
        {
            Name = unique,
            NormalizedName = unique.ToUpperInvariant(),
            InstanceUrl = Sandbox.BaseUrl.AbsoluteUri,
            TimeZone = "UTC",
            Environment = "Test",
            AuthMode = "Basic",
            UserName = IntegrationUser,
            Tables = "incident",
            Status = ConnectionStatus.Verified,
            ScheduledCheckMinutes = scheduledMinutes,
            CreatedBy = "test",
            UpdatedBy = "test",
        };
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
        var protector = Portal.Services.GetRequiredService<ConnectionSecretProtector>();
        db.ConnectionSecrets.Add(new ConnectionSecret
        {
            ConnectionId = connection.Id,
            Kind = SecretKind.Password,
            ProtectedValue = protector.Protect(connection.Id, SecretKind.Password, IntegrationPassword),
            SetBy = "test",
        });
        await db.SaveChangesAsync();
        return connection.Id;
    }
}
