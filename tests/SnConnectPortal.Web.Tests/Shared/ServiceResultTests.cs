using Microsoft.AspNetCore.Http;

namespace SnConnectPortal.Web.Tests.Shared;

/// <summary>A service result's failure kind, and the HTTP status an endpoint answers for it.</summary>
public sealed class ServiceResultTests
{
    [Fact]
    public void Failure_IsNullOnSuccess_AndInvalidUnlessSaidOtherwise()
    {
        Assert.Null(ServiceResult.Success.Failure);
        Assert.Null(ServiceResult<int>.Ok(3).Failure);
        Assert.Equal(ServiceFailure.Invalid, ServiceResult.Fail("No.").Failure);
        Assert.Equal(ServiceFailure.Invalid, ServiceResult.FieldError("Name", "Too long.").Failure);
        Assert.Equal(ServiceFailure.Invalid, ServiceResult<int>.Fail("No.").Failure);
    }

    [Fact]
    public void ToProblem_AnswersTheStatusOfTheFailureKind_WithTheReason()
    {
        Assert.Equal(
            [(400, "Bad."), (403, "Not you."), (404, "Gone."), (409, "Not now.")],
            new ServiceResult[]
            {
                ServiceResult.Fail("Bad."), ServiceResult<int>.Forbidden("Not you."), ServiceResult.NotFound("Gone."), ServiceResult<string>.Conflict("Not now."),
            }.Select(r => r.ToProblem()).Select(p => (p.StatusCode, p.ProblemDetails.Detail)));
        Assert.Throws<InvalidOperationException>(() => ServiceResult.Success.ToProblem());
    }
}
