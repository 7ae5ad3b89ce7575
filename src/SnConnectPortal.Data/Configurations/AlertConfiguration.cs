using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(a => a.Detail).HasMaxLength(2000);
        builder.Property(a => a.ResolvedDetail).HasMaxLength(2000);

        // One open alert per connection and kind: two nodes seeing the same condition open it once.
        builder.HasIndex(a => new { a.ConnectionId, a.Kind }).IsUnique().HasFilter("\"ResolvedAt\" IS NULL");
        builder.HasIndex(a => a.OpenedAt);

        builder.HasOne<Connection>().WithMany().HasForeignKey(a => a.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
