using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

internal sealed class UserImportRunConfiguration : IEntityTypeConfiguration<UserImportRun>
{
    public void Configure(EntityTypeBuilder<UserImportRun> builder)
    {
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.StartedBy).HasMaxLength(256);
        builder.Property(r => r.CursorSysId).HasMaxLength(32);
        builder.Property(r => r.Error).HasMaxLength(2000);

        builder.HasIndex(r => new { r.ConnectionId, r.StartedAt });
        builder.HasIndex(r => r.Status);

        builder.HasOne<Connection>().WithMany().HasForeignKey(r => r.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
