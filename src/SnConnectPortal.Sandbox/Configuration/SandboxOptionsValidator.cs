using Microsoft.Extensions.Options;

namespace SnConnectPortal.Sandbox.Configuration;

internal sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    private const int MaxExtraRecords = 1_000_000;

    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        var failures = new List<string>();
        AddIfOutOfRange(failures, nameof(options.ExtraUsers), options.ExtraUsers);
        AddIfOutOfRange(failures, nameof(options.ExtraGroups), options.ExtraGroups);
        AddIfOutOfRange(failures, nameof(options.ExtraIncidents), options.ExtraIncidents);
        if (options.RequestLogCapacity < 1)
        {
            failures.Add($"{SandboxOptions.SectionName}:{nameof(options.RequestLogCapacity)} must be at least 1.");
        }

        if (options.StorePath is { Length: > 0 } path && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder
            && !Directory.Exists(folder))
        {
            failures.Add($"{SandboxOptions.SectionName}:{nameof(options.StorePath)} points into a missing folder: {folder}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddIfOutOfRange(List<string> failures, string name, int value)
    {
        if (value is < 0 or > MaxExtraRecords)
        {
            failures.Add($"{SandboxOptions.SectionName}:{name} must be between 0 and {MaxExtraRecords}; it is {value}.");
        }
    }
}
