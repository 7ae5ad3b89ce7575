using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

internal sealed class ConnectionConfiguration : IEntityTypeConfiguration<Connection>
{
    public void Configure(EntityTypeBuilder<Connection> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(FieldLengths.ConnectionName);
        builder.Property(c => c.NormalizedName).HasMaxLength(FieldLengths.ConnectionName);
        builder.Property(c => c.InstanceUrl).HasMaxLength(FieldLengths.InstanceUrl);
        builder.Property(c => c.TimeZone).HasMaxLength(100);
        builder.Property(c => c.Environment).HasMaxLength(50);
        builder.Property(c => c.AuthMode).HasMaxLength(50);
        builder.Property(c => c.UserName).HasMaxLength(FieldLengths.ConnectionIdentifier);
        builder.Property(c => c.ClientId).HasMaxLength(FieldLengths.ConnectionIdentifier);
        builder.Property(c => c.Tables).HasMaxLength(500);
        builder.Property(c => c.OutboundRateLimitPeriod).HasConversion<string>().HasMaxLength(10);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.LastCheckSummary).HasMaxLength(2000);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.Property(c => c.UpdatedBy).HasMaxLength(256);
        builder.Property(c => c.DeletedBy).HasMaxLength(256);

        // Unique among connections that exist: a deleted connection's name can be used again.
        builder.HasIndex(c => c.NormalizedName).IsUnique().HasFilter("\"DeletedAt\" IS NULL");

        builder.HasMany(c => c.Secrets).WithOne().HasForeignKey(s => s.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
