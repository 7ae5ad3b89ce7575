using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(entry => entry.Actor).HasMaxLength(256);
        builder.Property(entry => entry.Action).HasMaxLength(100);
        builder.Property(entry => entry.EntityType).HasMaxLength(100);
        builder.Property(entry => entry.EntityId).HasMaxLength(100);

        builder.HasIndex(entry => entry.OccurredAt);
        builder.HasIndex(entry => new { entry.EntityType, entry.EntityId });
    }
}
