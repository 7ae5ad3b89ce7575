namespace SnConnectPortal.Web.Features.UserDirectory;

/// <summary>An open suggestion as accept-all weighs it: which hub user, which ServiceNow user, how sure.</summary>
public sealed record OpenSuggestion(long HubUserId, long ServiceNowUserId, int Confidence);

/// <summary>
/// What "accept all at or above" will do: the suggestions it accepts, and how many it leaves for a person because
/// another hub user is suggested for the same ServiceNow user with the same confidence, or that ServiceNow user is
/// already mapped.
/// </summary>
public sealed record AcceptAllPlan(IReadOnlyList<OpenSuggestion> Accepted, int Ambiguous, int AlreadyTaken)
{
    public int LeftForAPerson => Ambiguous + AlreadyTaken;

    /// <summary>The question asked before accepting: "Map 12 hub users? 2 ambiguous ones are left for you."</summary>
    public string Question(int minimumConfidence) =>
        $"Map {Count(Accepted.Count, "hub user", "hub users")} whose suggestion is {minimumConfidence}% or more?{Left()}";

    /// <summary>What was done, for the status line.</summary>
    public static string Done(int mapped, int left) =>
        $"{Count(mapped, "hub user", "hub users")} mapped.{(left > 0 ? $" {Count(left, "suggestion was", "suggestions were")} left for you to decide (Suggested and Unmapped)." : "")}";

    private string Left() =>
        (Ambiguous > 0 ? $" {Count(Ambiguous, "ambiguous one is", "ambiguous ones are")} left for you: the same ServiceNow user is suggested for several hub users." : "") +
        (AlreadyTaken > 0 ? $" {Count(AlreadyTaken, "is", "are")} left because the suggested ServiceNow user is already mapped." : "");

    private static string Count(int n, string one, string many) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{n:N0} {(n == 1 ? one : many)}");

    /// <summary>
    /// Plans accept-all so that it never maps two hub users onto one ServiceNow user: of the suggestions at or above
    /// the confidence, one whose ServiceNow user is already mapped is left; of several for the same ServiceNow user,
    /// the single best-scored one is accepted and the others left; when the best score is shared, all are left.
    /// </summary>
    public static AcceptAllPlan For(IEnumerable<OpenSuggestion> suggestions, int minimumConfidence, IReadOnlySet<long> mappedServiceNowUserIds)
    {
        ArgumentNullException.ThrowIfNull(suggestions);
        ArgumentNullException.ThrowIfNull(mappedServiceNowUserIds);
        var accepted = new List<OpenSuggestion>();
        var ambiguous = 0;
        var taken = 0;
        foreach (var group in suggestions.Where(s => s.Confidence >= minimumConfidence).GroupBy(s => s.ServiceNowUserId))
        {
            var contenders = group.OrderByDescending(s => s.Confidence).ThenBy(s => s.HubUserId).ToList();
            if (mappedServiceNowUserIds.Contains(group.Key))
            {
                taken += contenders.Count;
            }
            else if (contenders.Count > 1 && contenders[0].Confidence == contenders[1].Confidence)
            {
                ambiguous += contenders.Count;
            }
            else
            {
                accepted.Add(contenders[0]);
                ambiguous += contenders.Count - 1;
            }
        }

        return new AcceptAllPlan(accepted.OrderBy(s => s.HubUserId).ToList(), ambiguous, taken);
    }
}
