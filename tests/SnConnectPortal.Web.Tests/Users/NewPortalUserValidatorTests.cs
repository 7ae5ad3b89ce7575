using SnConnectPortal.Web.Features.Administration;

namespace SnConnectPortal.Web.Tests.Users;

public sealed class NewPortalUserValidatorTests
{
    [Fact]
    public void EmptyEmail_GetsOneMessage_NotAlsoInvalid()
    {
        var result = new NewPortalUserValidator().Validate(new NewPortalUser { Email = "", Password = "long-enough-password" });

        Assert.Equal(["Enter an email address."], result.Errors.Where(e => e.PropertyName == nameof(NewPortalUser.Email)).Select(e => e.ErrorMessage));
    }

    [Fact]
    public void BadEmail_GetsTheInvalidMessage()
    {
        var result = new NewPortalUserValidator().Validate(new NewPortalUser { Email = "not-an-email", Password = "long-enough-password" });

        Assert.Equal(["Enter a valid email address, like name@example.com."], result.Errors.Select(e => e.ErrorMessage));
    }
}
