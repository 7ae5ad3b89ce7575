using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Features.Messages;

/// <summary>Section <c>Messages</c>: how long the message log keeps rows, and how often a SQL Server node looks for other nodes' news.</summary>
public sealed class MessagesOptions
{
    public const string SectionName = "Messages";

    /// <summary>Messages older than this many days are purged; 0 keeps them for ever.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>How often the purge runs.</summary>
    public int PurgeIntervalMinutes { get; set; } = 60;

    /// <summary>Rows deleted per statement, so the purge never holds the write lock for long.</summary>
    public int PurgeBatchSize { get; set; } = 5000;

    /// <summary>
    /// On SQL Server, which has no notifications, how often a node reads the message log's change stamp to tell its open
    /// pages of messages other nodes stored or moved on; only while a page on this node is listening.
    /// </summary>
    public int NodePollMilliseconds { get; set; } = 250;
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

        if (options.NodePollMilliseconds is < 50 or > 10_000)
        {
            errors.Add($"Messages:NodePollMilliseconds must be between 50 and 10000 (was {options.NodePollMilliseconds}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
