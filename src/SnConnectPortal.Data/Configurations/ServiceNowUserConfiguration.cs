using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

internal sealed class ServiceNowUserConfiguration : IEntityTypeConfiguration<ServiceNowUser>
{
    public void Configure(EntityTypeBuilder<ServiceNowUser> builder)
    {
        builder.Property(u => u.SysId).HasMaxLength(32);
        builder.Property(u => u.UserName).HasMaxLength(255);
        builder.Property(u => u.Name).HasMaxLength(255);
        builder.Property(u => u.FirstName).HasMaxLength(100);
        builder.Property(u => u.LastName).HasMaxLength(100);
        builder.Property(u => u.Email).HasMaxLength(255);
        builder.Property(u => u.Title).HasMaxLength(255);
        builder.Property(u => u.Department).HasMaxLength(255);
        builder.Property(u => u.NormalizedEmail).HasMaxLength(255);
        builder.Property(u => u.NormalizedUserName).HasMaxLength(255);
        builder.Property(u => u.NormalizedName).HasMaxLength(255);

        builder.HasIndex(u => new { u.ConnectionId, u.SysId }).IsUnique();
        builder.HasIndex(u => new { u.ConnectionId, u.NormalizedEmail });
        builder.HasIndex(u => new { u.ConnectionId, u.NormalizedUserName });
        builder.HasIndex(u => new { u.ConnectionId, u.NormalizedName });

        builder.HasOne<Connection>().WithMany().HasForeignKey(u => u.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
