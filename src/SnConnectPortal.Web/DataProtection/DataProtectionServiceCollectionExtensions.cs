using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using SnConnectPortal.Web.DataProtection;

namespace Microsoft.Extensions.DependencyInjection;

public static class DataProtectionServiceCollectionExtensions
{
    /// <summary>
    /// ASP.NET Core Data Protection (sign-in cookies, antiforgery, connection secrets) with its keys in the portal's
    /// database, under one application name, so that every node sharing the database shares the keys; the keys are
    /// encrypted with a certificate kept outside the database (<see cref="KeyRingCertificate"/>).
    /// </summary>
    public static IHostApplicationBuilder AddPortalDataProtection(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var certificate = KeyRingCertificate.LoadOrCreate(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddDataProtection()
            .SetApplicationName("SnConnectPortal")
            .ProtectKeysWithCertificate(certificate)
            .UnprotectKeysWithAnyCertificate(certificate);
        services.AddSingleton<DatabaseXmlRepository>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<DatabaseXmlRepository>((options, repository) => options.XmlRepository = repository);
        return builder;
    }
}
