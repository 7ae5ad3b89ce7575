using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Features.Messages;

/// <summary>Section <c>Messages</c>: how long the message log keeps rows.</summary>
public sealed class MessagesOptions
{
    public const string SectionName = "Messages";

    /// <summary>Messages older than this many days are purged; 0 keeps them for ever.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>How often the purge runs.</summary>
    public int PurgeIntervalMinutes { get; set; } = 60;

    /// <summary>Rows deleted per statement, so the purge never holds the write lock for long.</summary>
    public int PurgeBatchSize { get; set; } = 5000;
}

internal sealed class MessagesOptionsValidator : IValidateOptions<MessagesOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagesOptions options)
    {
        List<string> errors = [];
        if (options.RetentionDays is < 0 or > 36500)
        {
            errors.Add($"Messages:RetentionDays must be between 0 and 36500 (was {options.RetentionDays}).");
        }

        if (options.PurgeIntervalMinutes is < 1 or > 10080)
        {
            errors.Add($"Messages:PurgeIntervalMinutes must be between 1 and 10080 (was {options.PurgeIntervalMinutes}).");
        }

        if (options.PurgeBatchSize is < 1 or > 100_000)
        {
            errors.Add($"Messages:PurgeBatchSize must be between 1 and 100000 (was {options.PurgeBatchSize}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
