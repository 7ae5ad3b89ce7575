using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.SystemsCheck;

namespace SnConnectPortal.Web.Tests.SystemsCheck;

public sealed class CheckFailureFixTests
{
    [Theory]
    [InlineData("address", 0, "Change the instance address")]
    [InlineData("tls", 0, "Change the instance address")]
    [InlineData("servicenow", 0, "Change the instance address")]
    [InlineData("auth", 2, "Change the credentials")]
    public void FailedStep_LeadsToTheWizardStepThatFixesIt(string key, int step, string text)
    {
        var fix = CheckFailureFix.For([Step("address", CheckOutcome.Pass), Step(key, CheckOutcome.Fail)]);

        Assert.Equal(new CheckFailureFix(step, text), fix);
    }

    [Fact]
    public void FailureFixedInServiceNow_HasNoWizardStep() =>
        Assert.Null(CheckFailureFix.For([Step("auth", CheckOutcome.Pass), Step("clock", CheckOutcome.Fail), Step("read:incident", CheckOutcome.Fail)]));

    [Fact]
    public void PassedOrSkippedSteps_AreNotFailures() =>
        Assert.Null(CheckFailureFix.For([Step("auth", CheckOutcome.Skipped), Step("address", CheckOutcome.Warn)]));

    private static CheckStepResult Step(string key, CheckOutcome outcome) => new(0, key, key, outcome, TimeSpan.Zero, "", null, null);
}
