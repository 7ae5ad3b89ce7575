using FluentValidation;
using SnConnectPortal.Web.Features.FieldMapping;

namespace Microsoft.Extensions.DependencyInjection;

public static class FieldMappingServiceCollectionExtensions
{
    /// <summary>Field mapping: per connection and table, the rules the events API applies and the screen that edits them.</summary>
    public static IHostApplicationBuilder AddPortalFieldMapping(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IValidator<TableMapping>, TableMappingValidator>();
        services.AddSingleton<FieldMappingStore>();
        services.AddSingleton<TargetFieldReader>();
        return builder;
    }
}
