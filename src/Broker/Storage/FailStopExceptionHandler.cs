using Microsoft.AspNetCore.Diagnostics;

namespace Broker.Storage;

/// <summary>A write refused after a failed fsync (<see cref="FailStop"/>): a 503 problem saying so, not a bare 500.</summary>
internal sealed class FailStopExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not FailStopException refused)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The broker is stopping after a disk failure",
                Detail = refused.Message,
            },
        });
    }
}
