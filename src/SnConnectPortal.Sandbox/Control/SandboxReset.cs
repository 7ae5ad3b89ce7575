using SnConnectPortal.Sandbox.Auth;
using SnConnectPortal.Sandbox.BusinessRules;
using SnConnectPortal.Sandbox.Configuration;
using SnConnectPortal.Sandbox.Faults;
using SnConnectPortal.Sandbox.RateLimits;
using SnConnectPortal.Sandbox.Seeding;

namespace SnConnectPortal.Sandbox.Control;

/// <summary><c>POST /sandbox/reset</c>: everything back to how it was at start.</summary>
internal sealed class SandboxReset(
    InstanceSeeder seeder,
    FaultRegistry faults,
    RateLimiter rateLimiter,
    RequestLog requestLog,
    RuntimeSettingsHolder settings,
    OAuthTokenStore tokens,
    RecordEvents events,
    DeliveryLog deliveries)
{
    public void Reset()
    {
        settings.Reset();
        faults.Clear();
        rateLimiter.Clear();
        requestLog.Clear();
        tokens.Clear();
        events.Configure(null);
        deliveries.Clear();
        seeder.Reset();
    }
}
