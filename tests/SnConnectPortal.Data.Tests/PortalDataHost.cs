using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SnConnectPortal.Data.Tests;

/// <summary>A bare host with only <c>AddPortalData</c>, as the web app calls it, over the given settings.</summary>
internal static class PortalDataHost
{
    public static IHost Build(string contentRootPath, IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = contentRootPath,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.AddPortalData();
        return builder.Build();
    }

    public static IHost BuildSqlite(string contentRootPath, string sqlitePath) => Build(contentRootPath, new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Sqlite",
        ["Database:SqlitePath"] = sqlitePath,
    });
}
