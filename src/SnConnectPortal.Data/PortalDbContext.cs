using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace SnConnectPortal.Data;

/// <summary>The portal's one database: Identity's tables, the Data Protection key ring, and the portal's own.</summary>
public class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<AlertRecipient> AlertRecipients => Set<AlertRecipient>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Connection> Connections => Set<Connection>();

    public DbSet<ConnectionSecret> ConnectionSecrets => Set<ConnectionSecret>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<SystemsCheckRun> SystemsCheckRuns => Set<SystemsCheckRun>();

    public DbSet<SystemsCheckRunStep> SystemsCheckRunSteps => Set<SystemsCheckRunStep>();

    public DbSet<ServiceNowUser> ServiceNowUsers => Set<ServiceNowUser>();

    public DbSet<UserImportRun> UserImportRuns => Set<UserImportRun>();

    public DbSet<FieldMapping> FieldMappings => Set<FieldMapping>();

    public DbSet<HubUser> HubUsers => Set<HubUser>();

    public DbSet<UserMapping> UserMappings => Set<UserMapping>();

    public DbSet<InboundEndpoint> InboundEndpoints => Set<InboundEndpoint>();

    public DbSet<JobLease> JobLeases => Set<JobLease>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<MessageAttachment> MessageAttachments => Set<MessageAttachment>();

    public DbSet<MessageAttachmentContent> MessageAttachmentContents => Set<MessageAttachmentContent>();

    public DbSet<MessageAttempt> MessageAttempts => Set<MessageAttempt>();

    public DbSet<PortalSetting> PortalSettings => Set<PortalSetting>();

    /// <summary>
    /// SQL Server compares text by the column's collation, case-insensitively by default, where SQLite and PostgreSQL
    /// compare exactly; text that is an exact key gets this binary collation there, so it matches one way everywhere.
    /// </summary>
    public const string SqlServerExactCollation = "Latin1_General_100_BIN2";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        if (Database.IsSqlServer())
        {
            // The receiver URL's key, and the hub's own ids ("A1" and "a1" are two hub users).
            builder.Entity<InboundEndpoint>().Property(e => e.ConnectionKey).UseCollation(SqlServerExactCollation);
            builder.Entity<HubUser>().Property(u => u.ExternalId).UseCollation(SqlServerExactCollation);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
