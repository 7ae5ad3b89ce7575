using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ServiceNowClientBench;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.ServiceNow.Queries;

// Pulls every sys_user row from a freshly started sandbox through the real client and prints throughput and memory.
// Usage: ServiceNowClientBench <sandbox dll> [extra users] [page size]
if (args.Length < 1)
{
    Console.Error.WriteLine("Usage: ServiceNowClientBench <path to SnConnectPortal.Sandbox.dll> [extra users=100000] [page size=1000]");
    return 2;
}

var sandboxDll = args[0];
var extraUsers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var pageSize = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000;

using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(10));
await using var services = new ServiceCollection().AddServiceNowClient().BuildServiceProvider();
var probe = services.GetRequiredService<IHttpClientFactory>().CreateClient("bench-probe");

var setup = Stopwatch.StartNew();
await using var sandbox = await SandboxRunner.StartAsync(sandboxDll, extraUsers, probe, cancellation.Token);
Console.WriteLine($"sandbox up with {extraUsers:N0} extra users in {setup.Elapsed.TotalSeconds:0.0} s at {sandbox.BaseUrl}");

var client = services.GetRequiredService<IServiceNowClientFactory>().Create(new ServiceNowConnectionSettings
{
    InstanceUrl = sandbox.BaseUrl,
    AuthMode = ServiceNowAuthMode.Basic,
    UserName = "admin",
    Password = "admin",
    PageSize = pageSize,
});

// One warm-up page so JIT and connection set-up are not in the figure.
await client.QueryPageAsync("sys_user", TableQuery.All with { PageSize = 10 }, 0, cancellation.Token);

var pulled = 0L;
var distinct = new HashSet<string>(StringComparer.Ordinal);
long? totalCount = null;
var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
var timer = Stopwatch.StartNew();
await foreach (var page in client.QueryPagesAsync("sys_user", TableQuery.All, cancellation.Token))
{
    totalCount = page.Response.TotalCount;
    foreach (var record in page.Records)
    {
        pulled++;
        distinct.Add(record.SysId);
    }
}

timer.Stop();
var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
using var self = Process.GetCurrentProcess();
self.Refresh();

Console.WriteLine($"page size            {pageSize:N0}");
Console.WriteLine($"records pulled       {pulled:N0} (distinct sys_ids {distinct.Count:N0}, X-Total-Count {totalCount:N0})");
Console.WriteLine($"elapsed              {timer.Elapsed.TotalSeconds:0.00} s");
Console.WriteLine($"records/s            {pulled / timer.Elapsed.TotalSeconds:N0}");
Console.WriteLine($"peak working set     {self.PeakWorkingSet64 / 1024.0 / 1024.0:0.0} MiB (benchmark process, client side)");
Console.WriteLine($"allocated during pull {allocated / 1024.0 / 1024.0:N0} MiB");
return pulled == totalCount && distinct.Count == pulled ? 0 : 1;
