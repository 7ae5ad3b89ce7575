using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.UserDirectory;

namespace SnConnectPortal.Web.Tests.UserDirectory;

/// <summary>A hub user's fields over their limits are refused, each with its field, never cut.</summary>
public sealed class HubUserValidationTests
{
    [Fact]
    public void Validate_EveryFieldOneOverItsLimit_RefusesEachBesideItsField()
    {
        var input = new HubUserInput
        {
            DisplayName = new string('d', FieldLengths.HubUserDisplayName + 1),
            ExternalId = new string('x', FieldLengths.HubUserExternalId + 1),
            Email = new string('e', FieldLengths.HubUserEmail - 11) + "@example.com",
            UserName = new string('u', FieldLengths.HubUserUserName + 1),
        };

        var (user, errors) = HubUsers.Validate(input);

        Assert.Null(user);
        Assert.Equal(
            [
                ("DisplayName", "A display name has at most 200 characters."),
                ("ExternalId", "An external id has at most 200 characters."),
                ("Email", "An email address has at most 255 characters."),
                ("UserName", "A user name has at most 255 characters."),
            ],
            errors.Select(e => (e.Field!, e.Message)));
    }

    [Fact]
    public void Validate_EveryFieldAtItsLimit_IsKeptWhole()
    {
        var input = new HubUserInput
        {
            DisplayName = new string('d', FieldLengths.HubUserDisplayName),
            ExternalId = new string('x', FieldLengths.HubUserExternalId),
            Email = new string('e', FieldLengths.HubUserEmail - 12) + "@example.com",
            UserName = new string('u', FieldLengths.HubUserUserName),
        };

        var (user, errors) = HubUsers.Validate(input);

        Assert.Empty(errors);
        Assert.Equal((input.DisplayName, input.Email), (user!.DisplayName, user.Email));
    }
}
