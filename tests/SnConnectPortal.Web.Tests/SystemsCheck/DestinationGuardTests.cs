using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.ServiceNow.Network;
using SnConnectPortal.Web.Features.SystemsCheck;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.SystemsCheck;

/// <summary>
/// The Systems Check of the running portal against names that resolve to this machine, where a real listener stands
/// for an internal service. The portal allows 127.0.0.1 (as the test suites do for the sandbox), but that allows the
/// host 127.0.0.1, not every name that resolves to it.
/// </summary>
public sealed class DestinationGuardTests : IAsyncLifetime
{
    private readonly TcpListener _internalService = new(IPAddress.Loopback, 0);
    private PortalFactory _root = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _portal = null!;
    private int _rebindingLookups;

    public Task InitializeAsync()
    {
        _internalService.Start();
        _root = new PortalFactory(new Dictionary<string, string?>
        {
            ["Connections:AllowedPrivateHosts:0"] = "127.0.0.1",
            ["Connections:AllowedInsecureHosts:0"] = "127.0.0.1",
            ["SystemsCheck:StepTimeoutSeconds"] = "10",
        });
        _portal = _root.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<HostAddressResolver>((host, cancellationToken) => host switch
            {
                "evil.example" => Task.FromResult(new[] { IPAddress.Loopback }),
                // A rebinding name server: a public address for the first answer, this machine for every later one.
                "rebinding.example" => Task.FromResult(new[] { Interlocked.Increment(ref _rebindingLookups) == 1 ? IPAddress.Parse("93.184.215.14") : IPAddress.Loopback }),
                _ => Dns.GetHostAddressesAsync(host, cancellationToken),
            })));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task NameResolvingToLoopback_FailsTheAddressStep_AndNothingConnects()
    {
        var steps = await RunAsync(new Uri($"http://evil.example:{InternalPort}/"));

        var address = steps[0];
        Assert.Equal(("address", CheckOutcome.Fail), (address.Key, address.Outcome));
        Assert.Contains("evil.example is, or resolves to, a loopback, private", address.Seen, StringComparison.Ordinal);
        Assert.Contains("Connections:AllowedPrivateHosts", address.Remedy, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", address.Seen, StringComparison.Ordinal);
        Assert.All(steps.Skip(1), s => Assert.Equal(CheckOutcome.Skipped, s.Outcome));
        Assert.False(_internalService.Pending(), "the internal service was connected to");
    }

    [Fact]
    public async Task NameThatRebindsToLoopbackAfterTheAddressStep_IsRefusedAtConnectTime()
    {
        var steps = await RunAsync(new Uri($"http://rebinding.example:{InternalPort}/"));

        Assert.Equal(CheckOutcome.Pass, steps[0].Outcome);
        var firstCall = steps.First(s => s.Outcome == CheckOutcome.Fail);
        Assert.Contains("rebinding.example is, or resolves to, a loopback, private", firstCall.Seen, StringComparison.Ordinal);
        Assert.DoesNotContain(steps, s => s.Outcome == CheckOutcome.Pass && s.Key != "address" && s.Key != "tls");
        Assert.False(_internalService.Pending(), "the internal service was connected to");
    }

    [Fact]
    public async Task OpenAndClosedPortsBehindABlockedName_GiveTheSameReport()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var closedPort = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var open = await RunAsync(new Uri($"http://evil.example:{InternalPort}/"));
        var shut = await RunAsync(new Uri($"http://evil.example:{closedPort}/"));

        Assert.Equal(Describe(open, InternalPort), Describe(shut, closedPort));
    }

    public async Task DisposeAsync()
    {
        _internalService.Stop();
        await _portal.DisposeAsync();
        await _root.DisposeAsync();
    }

    private int InternalPort => ((IPEndPoint)_internalService.LocalEndpoint).Port;

    private static IEnumerable<string> Describe(IEnumerable<CheckStepResult> steps, int port) =>
        steps.Select(s => $"{s.Key} {s.Outcome} {s.Seen} {s.Remedy}".Replace(port.ToString(CultureInfo.InvariantCulture), "PORT", StringComparison.Ordinal));

    private async Task<IReadOnlyList<CheckStepResult>> RunAsync(Uri instanceUrl)
    {
        var request = new SystemsCheckRequest
        {
            Settings = new ServiceNowConnectionSettings
            {
                InstanceUrl = instanceUrl,
                AuthMode = ServiceNowAuthMode.Basic,
                UserName = "snc.integration",
                Password = "snc-integration-pw",
            },
        };
        var results = new List<CheckStepResult>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await foreach (var step in _portal.Services.GetRequiredService<SystemsCheckRunner>().RunAsync(request, deadline.Token))
        {
            results.Add(step);
        }

        return results;
    }
}
