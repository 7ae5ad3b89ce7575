using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace SnConnectPortal.Data;

/// <summary>The portal's one database: Identity's tables plus the portal's own.</summary>
public class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<PortalUser>(options)
{
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Connection> Connections => Set<Connection>();

    public DbSet<ConnectionSecret> ConnectionSecrets => Set<ConnectionSecret>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<SystemsCheckRun> SystemsCheckRuns => Set<SystemsCheckRun>();

    public DbSet<SystemsCheckRunStep> SystemsCheckRunSteps => Set<SystemsCheckRunStep>();

    public DbSet<ServiceNowUser> ServiceNowUsers => Set<ServiceNowUser>();

    public DbSet<UserImportRun> UserImportRuns => Set<UserImportRun>();

    public DbSet<HubUser> HubUsers => Set<HubUser>();

    public DbSet<UserMapping> UserMappings => Set<UserMapping>();

    public DbSet<InboundEndpoint> InboundEndpoints => Set<InboundEndpoint>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<MessageAttachment> MessageAttachments => Set<MessageAttachment>();

    public DbSet<MessageAttempt> MessageAttempts => Set<MessageAttempt>();

    public DbSet<PortalSetting> PortalSettings => Set<PortalSetting>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
