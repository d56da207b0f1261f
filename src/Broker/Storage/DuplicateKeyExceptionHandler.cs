using Microsoft.AspNetCore.Diagnostics;

namespace Broker.Storage;

/// <summary>
/// A write that lost a race for a key (two imports of the same NIPs at once, two nodes adding the same id): a 409 problem
/// that says nothing of the request was kept and it may be sent again, never a bare 500.
/// </summary>
internal sealed class DuplicateKeyExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DuplicateKeyException duplicate)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Another request stored the same key at the same moment",
                Detail = duplicate.Message + " Nothing of this request was stored; send it again to see what is there now.",
            },
        });
    }
}
