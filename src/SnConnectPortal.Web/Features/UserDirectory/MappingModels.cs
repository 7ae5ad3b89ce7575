using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.UserDirectory;

/// <summary>Which rows the mapping grid shows.</summary>
public enum MappingFilter
{
    All,
    Unmapped,
    Suggested,
    Conflicts,
    Mapped,
}

/// <summary>An imported ServiceNow user, as the grid and the search show it.</summary>
public sealed record ServiceNowUserSummary(long Id, string SysId, string UserName, string Name, string Email, bool Active, bool LockedOut, bool Missing)
{
    public string Label => Name.Length > 0 ? $"{Name} ({UserName})" : UserName;
}

/// <summary>One row of the mapping grid: a hub user, its mapped ServiceNow user, its suggestion and its conflicts.</summary>
public sealed record MappingRow(
    long HubUserId,
    string? ExternalId,
    string DisplayName,
    string? Email,
    string? UserName,
    ServiceNowUserSummary? Mapped,
    string? Method,
    int? Confidence,
    ServiceNowUserSummary? Suggested,
    string? SuggestionRule,
    int? SuggestionConfidence,
    string? SuggestionReason,
    int SharedWith)
{
    /// <summary>How the mapping was made, in words: "Email", "User name", "Full name" or "Manual".</summary>
    public string MethodLabel => MatchRules.Label(Method);

    /// <summary>Why the mapping needs attention, in words; empty when it does not.</summary>
    public IReadOnlyList<string> Conflicts
    {
        get
        {
            var conflicts = new List<string>();
            if (Mapped is { Missing: true })
            {
                conflicts.Add("The ServiceNow user is gone from the instance.");
            }
            else if (Mapped is { Active: false })
            {
                conflicts.Add("The ServiceNow user is inactive.");
            }
            else if (Mapped is { LockedOut: true })
            {
                conflicts.Add("The ServiceNow user is locked out: records can name them, but they cannot sign in to see them.");
            }

            if (SharedWith > 0)
            {
                conflicts.Add(SharedWith == 1
                    ? "Another hub user is mapped to the same ServiceNow user."
                    : $"{SharedWith} other hub users are mapped to the same ServiceNow user.");
            }

            return conflicts;
        }
    }

    public string State => Mapped is null ? (Suggested is null ? "Unmapped" : "Suggested") : Conflicts.Count > 0 ? "Conflict" : "Mapped";
}

/// <summary>A page of the grid and how many rows the filter matches in all.</summary>
public sealed record MappingPage(IReadOnlyList<MappingRow> Rows, int Total);

/// <summary>Counts for the filter buttons.</summary>
public sealed record MappingCounts(int All, int Unmapped, int Suggested, int Conflicts, int Mapped);

/// <summary>A connection in the page's picker, with how many of its ServiceNow users are imported.</summary>
public sealed record DirectoryConnection(long Id, string Name, ConnectionStatus Status, int ImportedUsers);
