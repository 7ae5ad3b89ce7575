using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

internal sealed class MessageAttemptConfiguration : IEntityTypeConfiguration<MessageAttempt>
{
    public void Configure(EntityTypeBuilder<MessageAttempt> builder)
    {
        builder.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Detail).HasMaxLength(Message.MaxErrorLength);

        builder.HasIndex(a => new { a.MessageId, a.Attempt }).IsUnique();
        builder.HasIndex(a => a.StartedAt); // the dashboard's deliveries and 429s of the last hour
    }
}
