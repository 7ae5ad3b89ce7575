using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

internal sealed class SystemsCheckRunStepConfiguration : IEntityTypeConfiguration<SystemsCheckRunStep>
{
    public void Configure(EntityTypeBuilder<SystemsCheckRunStep> builder)
    {
        builder.Property(s => s.StepKey).HasMaxLength(100);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Seen).HasMaxLength(4000);
        builder.Property(s => s.Remedy).HasMaxLength(4000);
        builder.Property(s => s.LinkUrl).HasMaxLength(1000);

        builder.HasIndex(s => new { s.RunId, s.Position }).IsUnique();
    }
}
