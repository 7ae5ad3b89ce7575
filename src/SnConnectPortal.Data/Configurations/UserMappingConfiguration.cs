using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

internal sealed class UserMappingConfiguration : IEntityTypeConfiguration<UserMapping>
{
    public void Configure(EntityTypeBuilder<UserMapping> builder)
    {
        builder.Property(m => m.Method).HasMaxLength(20);
        builder.Property(m => m.MappedBy).HasMaxLength(256);
        builder.Property(m => m.SuggestionRule).HasMaxLength(20);
        builder.Property(m => m.SuggestionReason).HasMaxLength(500);

        builder.HasIndex(m => new { m.ConnectionId, m.HubUserId }).IsUnique();
        builder.HasIndex(m => new { m.ConnectionId, m.ServiceNowUserId });

        builder.HasOne<Connection>().WithMany().HasForeignKey(m => m.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<HubUser>().WithMany().HasForeignKey(m => m.HubUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ServiceNowUser>().WithMany().HasForeignKey(m => m.ServiceNowUserId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<ServiceNowUser>().WithMany().HasForeignKey(m => m.SuggestedServiceNowUserId).OnDelete(DeleteBehavior.NoAction);
    }
}
