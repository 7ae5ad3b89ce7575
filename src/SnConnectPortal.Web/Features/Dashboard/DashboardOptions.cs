using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Features.Dashboard;

/// <summary>Section <c>Dashboard</c>: how fresh the home dashboard's figures are.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>
    /// How often an open dashboard shows new figures. Each node computes them at most once per interval, however many
    /// browsers watch, and not at all while none does.
    /// </summary>
    public int RefreshSeconds { get; set; } = 10;
}

internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options) =>
        options.RefreshSeconds is >= 2 and <= 300
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Dashboard:RefreshSeconds must be between 2 and 300 (was {options.RefreshSeconds}).");
}
