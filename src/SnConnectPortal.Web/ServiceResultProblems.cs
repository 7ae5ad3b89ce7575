using Microsoft.AspNetCore.Http.HttpResults;

namespace SnConnectPortal.Web;

/// <summary>How an endpoint answers a failed <see cref="ServiceResult"/>.</summary>
public static class ServiceResultProblems
{
    /// <summary>The reasons as ProblemDetails, with the status of the failure's kind (400, 403, 404 or 409).</summary>
    public static ProblemHttpResult ToProblem(this ServiceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Succeeded)
        {
            throw new InvalidOperationException("The action succeeded: there is no problem to answer.");
        }

        return TypedResults.Problem(result.ErrorText, statusCode: result.Failure switch
        {
            ServiceFailure.Forbidden => StatusCodes.Status403Forbidden,
            ServiceFailure.NotFound => StatusCodes.Status404NotFound,
            ServiceFailure.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        });
    }
}
