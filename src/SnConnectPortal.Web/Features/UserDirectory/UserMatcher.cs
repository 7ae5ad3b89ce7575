using System.Globalization;

namespace SnConnectPortal.Web.Features.UserDirectory;

/// <summary>The rules, in the order they are tried.</summary>
public enum MatchRule
{
    Email,
    UserName,
    FullName,
}

/// <summary>How the pages name a rule, or a mapping's method (a rule's name, or "Manual").</summary>
public static class MatchRules
{
    public static string Label(string? method) => method switch
    {
        nameof(MatchRule.Email) => "Email",
        nameof(MatchRule.UserName) => "User name",
        nameof(MatchRule.FullName) => "Full name",
        null => "",
        _ => method,
    };
}

/// <summary>A hub user as the rules see it: normalized keys (see <see cref="DirectoryText"/>).</summary>
public sealed record MatchSubject(string Email, string UserName, string Name)
{
    public static MatchSubject Of(string? email, string? userName, string? displayName) =>
        new(DirectoryText.Key(email), DirectoryText.Key(userName), DirectoryText.NameKey(displayName));

    /// <summary>The part of the email before '@', tried as a user_name when the hub user has none.</summary>
    public string EmailLocalPart => Email.IndexOf('@', StringComparison.Ordinal) is > 0 and var at ? Email[..at] : "";
}

/// <summary>An imported ServiceNow user as the rules see it.</summary>
public sealed record MatchCandidate(long Id, string Email, string UserName, string Name, bool Active, bool LockedOut, bool Missing, bool MappedToSomeoneElse);

/// <summary>A suggested ServiceNow user, the rule that found it, its confidence (0–100) and why.</summary>
public sealed record MatchSuggestion(long ServiceNowUserId, MatchRule Rule, int Confidence, string Reason);

/// <summary>
/// Auto-matching of a hub user to an imported ServiceNow user: email (case-insensitive) first, then user_name
/// (the hub user's own, or the local part of its email), then full name. A unique active match gets the rule's full
/// confidence; an inactive or locked-out one, an ambiguous one (several users share the key) or one already mapped to
/// another hub user gets less, and the reason says which. Users gone from the instance are never suggested.
/// </summary>
public static class UserMatcher
{
    public const int EmailConfidence = 100;
    public const int UserNameConfidence = 90;
    public const int EmailLocalPartConfidence = 80;
    public const int FullNameConfidence = 70;
    private const int InactivePenalty = 40;
    private const int LockedOutPenalty = 20;
    private const int TakenPenalty = 30;

    public static MatchSuggestion? Suggest(MatchSubject subject, IReadOnlyCollection<MatchCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(candidates);
        var present = candidates.Where(c => !c.Missing).ToList();

        if (subject.Email.Length > 0 && Rule(MatchRule.Email, EmailConfidence, "Email matches", "Email matches {0} ServiceNow users", present.Where(c => c.Email == subject.Email).ToList()) is { } byEmail)
        {
            return byEmail;
        }

        if (subject.UserName.Length > 0 &&
            Rule(MatchRule.UserName, UserNameConfidence, "User name matches", "User name matches {0} ServiceNow users", present.Where(c => c.UserName == subject.UserName).ToList()) is { } byUserName)
        {
            return byUserName;
        }

        if (subject.UserName.Length == 0 && subject.EmailLocalPart.Length > 0 &&
            Rule(MatchRule.UserName, EmailLocalPartConfidence, "Email's local part matches the user name", "Email's local part matches the user name of {0} ServiceNow users", present.Where(c => c.UserName == subject.EmailLocalPart).ToList()) is { } byLocalPart)
        {
            return byLocalPart;
        }

        return subject.Name.Length > 0
            ? Rule(MatchRule.FullName, FullNameConfidence, "Full name matches", "Full name matches {0} ServiceNow users", present.Where(c => c.Name == subject.Name).ToList())
            : null;
    }

    /// <param name="matchedOne">What matched, as a person reads it: "Email matches".</param>
    /// <param name="matchedMany">The same for several users, {0} their count.</param>
    private static MatchSuggestion? Rule(MatchRule rule, int confidence, string matchedOne, string matchedMany, List<MatchCandidate> matches)
    {
        if (matches.Count == 0)
        {
            return null;
        }

        var active = matches.Where(m => m.Active).ToList();
        MatchCandidate pick;
        string reason;
        if (matches.Count == 1)
        {
            pick = matches[0];
            reason = matchedOne;
        }
        else if (active.Count == 1)
        {
            pick = active[0];
            confidence -= 10;
            reason = string.Format(CultureInfo.InvariantCulture, matchedMany, matches.Count) + "; only this one is active";
        }
        else
        {
            // Several equally good: suggest the first (stable order) with a confidence too low to be accepted in bulk.
            pick = (active.Count > 0 ? active : matches).OrderBy(m => m.Id).First();
            confidence = Math.Min(confidence, 100 / matches.Count) / 2 + 10;
            reason = string.Format(CultureInfo.InvariantCulture, matchedMany, matches.Count) + "; check which one is right";
        }

        if (!pick.Active)
        {
            confidence -= InactivePenalty;
            reason += ", but the ServiceNow user is inactive";
        }
        else if (pick.LockedOut)
        {
            confidence -= LockedOutPenalty;
            reason += ", but the ServiceNow user is locked out";
        }

        if (pick.MappedToSomeoneElse)
        {
            confidence -= TakenPenalty;
            reason += "; already mapped to another hub user";
        }

        return new MatchSuggestion(pick.Id, rule, Math.Clamp(confidence, 1, 100), reason);
    }
}
