using SnConnectPortal.Web.Features.UserDirectory;

namespace SnConnectPortal.Web.Tests.UserDirectory;

public sealed class HubUserInputValidatorTests
{
    private readonly HubUserInputValidator _validator = new();

    [Fact]
    public void Validate_EachProblem_IsReportedOnItsOwnField()
    {
        var input = new HubUserInput
        {
            ExternalId = new string('e', 201),
            DisplayName = new string('d', 201),
            Email = "not an email",
            UserName = new string('u', 256),
        };

        var result = _validator.Validate(input);

        Assert.Equal(
            [
                ("DisplayName", "A display name has at most 200 characters."),
                ("ExternalId", "An external id has at most 200 characters."),
                ("Email", "'not an email' is not an email address."),
                ("UserName", "A user name has at most 255 characters."),
            ],
            result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
    }

    [Fact]
    public void Validate_NeitherDisplayNameNorEmailNorExternalId_AsksForThem()
    {
        var result = _validator.Validate(new HubUserInput { DisplayName = "  ", UserName = "agent" });

        Assert.Equal(
            [
                ("DisplayName", "A display name or an email is required."),
                ("ExternalId", "An external id or an email is required, so the hub user can be found again."),
            ],
            result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
    }

    [Fact]
    public void Validate_EmailOnly_IsEnough_AndValuesAreJudgedTrimmed()
    {
        var result = _validator.Validate(new HubUserInput { Email = "  ada@example.test  ", ExternalId = " " });

        Assert.True(result.IsValid, string.Join(" ", result.Errors));
    }
}
