using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

internal sealed class SystemsCheckRunConfiguration : IEntityTypeConfiguration<SystemsCheckRun>
{
    public void Configure(EntityTypeBuilder<SystemsCheckRun> builder)
    {
        builder.Property(r => r.StartedBy).HasMaxLength(256);
        builder.Property(r => r.Trigger).HasMaxLength(20);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Summary).HasMaxLength(2000);
        builder.Property(r => r.TestIncidentNumber).HasMaxLength(40);

        // History per connection, newest first.
        builder.HasIndex(r => new { r.ConnectionId, r.StartedAt });

        builder.HasOne<Connection>().WithMany().HasForeignKey(r => r.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Steps).WithOne().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
