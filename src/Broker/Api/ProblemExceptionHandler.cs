using System.Text.Json;
using Broker.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace Broker.Api;

/// <summary>
/// The exceptions that are an answer to the caller, not a bug: each one's status and problem, from one table
/// (<see cref="Problems"/>). Anything not in it stays a 500 without a stack trace.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>Exception type (or a base of it) to the problem that names it; the first match wins.</summary>
    public static readonly IReadOnlyList<ExceptionProblem> Problems =
    [
        // Malformed JSON, unknown fields, wrong types, oversized bodies: 400 (or 413), naming what was wrong.
        new(typeof(BadHttpRequestException), e => ((BadHttpRequestException)e).StatusCode, "The request could not be read",
            e => e.InnerException is JsonException json ? $"The JSON body is not valid: {json.Message}" : e.Message),

        // A write refused after a failed fsync (FailStop).
        new(typeof(FailStopException), _ => StatusCodes.Status503ServiceUnavailable, "The broker is stopping after a disk failure", e => e.Message),

        // A write that lost a race for a key (two imports of the same NIPs at once, two nodes adding the same id).
        new(typeof(DuplicateKeyException), _ => StatusCodes.Status409Conflict, "Another request stored the same key at the same moment",
            e => e.Message + " Nothing of this request was stored; send it again to see what is there now."),
    ];

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (Problems.FirstOrDefault(p => p.Type.IsInstanceOfType(exception)) is not { } problem)
        {
            return false;
        }

        var status = problem.Status(exception);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = problem.Title, Detail = problem.Detail(exception) },
        });
    }
}
