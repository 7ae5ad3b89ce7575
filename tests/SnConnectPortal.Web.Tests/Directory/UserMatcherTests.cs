using SnConnectPortal.Web.Features.UserDirectory;

namespace SnConnectPortal.Web.Tests.UserDirectory;

public sealed class UserMatcherTests
{
    private static MatchCandidate Candidate(
        long id, string email = "", string userName = "", string name = "", bool active = true, bool missing = false, bool taken = false, bool lockedOut = false) =>
        new(id, DirectoryText.Key(email), DirectoryText.Key(userName), DirectoryText.NameKey(name), active, lockedOut, missing, taken);

    [Fact]
    public void Email_DifferentCase_MatchesWithFullConfidence()
    {
        var subject = MatchSubject.Of("Ada.Lovelace@Example.COM", null, "Someone Else");

        var suggestion = UserMatcher.Suggest(subject, [Candidate(1, "ada.lovelace@example.com", "alovelace", "Ada Lovelace"), Candidate(2, name: "Someone Else")]);

        Assert.Equal(new MatchSuggestion(1, MatchRule.Email, 100, "Email matches"), suggestion);
    }

    [Fact]
    public void UserName_WhenEmailDoesNotMatch_MatchesWithLowerConfidence()
    {
        var subject = MatchSubject.Of("ada@hub.example", "ALovelace", "Ada Lovelace");

        var suggestion = UserMatcher.Suggest(subject, [Candidate(1, "ada@corp.example", "alovelace"), Candidate(2, name: "Ada Lovelace")]);

        Assert.Equal(MatchRule.UserName, suggestion?.Rule);
        Assert.Equal(1, suggestion?.ServiceNowUserId);
        Assert.Equal(UserMatcher.UserNameConfidence, suggestion?.Confidence);
    }

    [Fact]
    public void EmailLocalPart_WithoutHubUserName_IsTriedAsUserName()
    {
        var suggestion = UserMatcher.Suggest(MatchSubject.Of("abel.tuter@hub.example", null, "x"), [Candidate(7, "abel@corp.example", "abel.tuter")]);

        Assert.Equal(new MatchSuggestion(7, MatchRule.UserName, UserMatcher.EmailLocalPartConfidence, "Email's local part matches the user name"), suggestion);
    }

    [Fact]
    public void FullName_IgnoresCaseSpacingAndDiacritics()
    {
        var suggestion = UserMatcher.Suggest(MatchSubject.Of(null, null, "  josé   GARCÍA "), [Candidate(3, name: "Jose Garcia")]);

        Assert.Equal(MatchRule.FullName, suggestion?.Rule);
        Assert.Equal(UserMatcher.FullNameConfidence, suggestion?.Confidence);
    }

    [Fact]
    public void FullName_SharedByTwoActiveUsers_IsAmbiguous_WithLowConfidence()
    {
        var suggestion = UserMatcher.Suggest(MatchSubject.Of(null, null, "John Smith"), [Candidate(5, name: "John Smith"), Candidate(4, name: "John Smith")]);

        Assert.NotNull(suggestion);
        Assert.Equal(4, suggestion.ServiceNowUserId);
        Assert.True(suggestion.Confidence < 50, $"an ambiguous match must not reach bulk-accept confidence, got {suggestion.Confidence}");
        Assert.Contains("2 ServiceNow users", suggestion.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_SharedByAnInactiveAndAnActiveUser_PrefersTheActiveOne()
    {
        var suggestion = UserMatcher.Suggest(MatchSubject.Of("a@x.example", null, null), [Candidate(1, "a@x.example", active: false), Candidate(2, "A@X.example")]);

        Assert.Equal(2, suggestion?.ServiceNowUserId);
        Assert.Equal(90, suggestion?.Confidence);
    }

    [Fact]
    public void InactiveMatch_IsSuggested_WithReducedConfidenceAndTheReason()
    {
        var suggestion = UserMatcher.Suggest(MatchSubject.Of("a@x.example", null, null), [Candidate(1, "a@x.example", active: false)]);

        Assert.Equal(60, suggestion?.Confidence);
        Assert.Contains("inactive", suggestion?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LockedOutMatch_IsSuggested_BelowTheBulkAcceptDefault_WithTheReason()
    {
        var suggestion = UserMatcher.Suggest(MatchSubject.Of("a@x.example", null, null), [Candidate(1, "a@x.example", lockedOut: true)]);

        Assert.Equal(80, suggestion?.Confidence);
        Assert.Contains("locked out", suggestion?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingUsers_AreNeverSuggested()
    {
        var suggestion = UserMatcher.Suggest(MatchSubject.Of("a@x.example", "a", "A B"), [Candidate(1, "a@x.example", "a", "A B", missing: true)]);

        Assert.Null(suggestion);
    }

    [Fact]
    public void CandidateMappedToAnotherHubUser_IsAConflict_WithReducedConfidence()
    {
        var suggestion = UserMatcher.Suggest(MatchSubject.Of("a@x.example", null, null), [Candidate(1, "a@x.example", taken: true)]);

        Assert.Equal(70, suggestion?.Confidence);
        Assert.Contains("already mapped to another hub user", suggestion?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NothingInCommon_NoSuggestion()
    {
        Assert.Null(UserMatcher.Suggest(MatchSubject.Of("a@x.example", "a", "A B"), [Candidate(1, "b@x.example", "b", "B C")]));
    }

    [Theory]
    [InlineData("  Ada   Lovelace ", "ADA LOVELACE")]
    [InlineData("Zoë Ångström", "ZOE ANGSTROM")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void NameKey_Normalizes(string? input, string expected) => Assert.Equal(expected, DirectoryText.NameKey(input));

    [Fact]
    public void Reason_ReadsAsASentence_WithoutRuleNames()
    {
        var suggestion = UserMatcher.Suggest(MatchSubject.Of("ada@hub.example", null, "x"), [Candidate(1, "ada@hub.example", active: false), Candidate(2, "ada@hub.example")]);

        Assert.Equal("Email matches 2 ServiceNow users; only this one is active", suggestion?.Reason);
    }

    [Theory]
    [InlineData("Email", "Email")]
    [InlineData("UserName", "User name")]
    [InlineData("FullName", "Full name")]
    [InlineData("Manual", "Manual")]
    public void MethodLabel_IsReadable(string method, string expected) => Assert.Equal(expected, MatchRules.Label(method));
}
