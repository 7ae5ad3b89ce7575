using SnConnectPortal.Web.Features.UserDirectory;

namespace SnConnectPortal.Web.Tests.UserDirectory;

/// <summary>Accept-all's plan: never two hub users onto one ServiceNow user; the better score wins, ties are left.</summary>
public sealed class AcceptAllPlanTests
{
    private static readonly HashSet<long> NoneMapped = [];

    [Fact]
    public void For_TwoSuggestionsForOneServiceNowUser_AcceptsOnlyTheBetterScoredOne()
    {
        var plan = AcceptAllPlan.For([new(1, 50, 100), new(2, 50, 90), new(3, 60, 95)], 90, NoneMapped);

        Assert.Equal([1L, 3L], plan.Accepted.Select(s => s.HubUserId));
        Assert.Equal((1, 0), (plan.Ambiguous, plan.AlreadyTaken));
    }

    [Fact]
    public void For_ATieAtTheTop_LeavesAllOfThemForAPerson()
    {
        var plan = AcceptAllPlan.For([new(1, 50, 100), new(2, 50, 100), new(3, 50, 90), new(4, 60, 90)], 90, NoneMapped);

        Assert.Equal([4L], plan.Accepted.Select(s => s.HubUserId));
        Assert.Equal(3, plan.Ambiguous);
    }

    [Fact]
    public void For_AServiceNowUserAlreadyMapped_IsNotMappedAgain()
    {
        var plan = AcceptAllPlan.For([new(1, 50, 100), new(2, 60, 100)], 90, new HashSet<long> { 50 });

        Assert.Equal([2L], plan.Accepted.Select(s => s.HubUserId));
        Assert.Equal((0, 1), (plan.Ambiguous, plan.AlreadyTaken));
    }

    [Fact]
    public void For_SuggestionsBelowTheConfidence_AreNeitherAcceptedNorCounted()
    {
        var plan = AcceptAllPlan.For([new(1, 50, 89), new(2, 50, 95)], 90, NoneMapped);

        Assert.Equal([2L], plan.Accepted.Select(s => s.HubUserId));
        Assert.Equal(0, plan.LeftForAPerson);
    }

    [Fact]
    public void Question_SaysHowManyAreMappedAndHowManyLeft()
    {
        var suggestions = Enumerable.Range(1, 12).Select(i => new OpenSuggestion(i, 100 + i, 95))
            .Concat([new OpenSuggestion(20, 500, 95), new OpenSuggestion(21, 500, 95)]);

        var question = AcceptAllPlan.For(suggestions, 90, NoneMapped).Question(90);

        Assert.Equal("Map 12 hub users whose suggestion is 90% or more? 2 ambiguous ones are left for you: the same ServiceNow user is suggested for several hub users.", question);
    }
}
