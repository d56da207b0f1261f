using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Broker.Api;

/// <summary>
/// Malformed JSON, unknown fields, wrong types, oversized bodies: a 400 (or 413) problem that names what was wrong,
/// never a stack trace.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        var detail = bad.InnerException is JsonException json
            ? $"The JSON body is not valid: {json.Message}"
            : bad.Message;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Title = "The request could not be read", Detail = detail },
        });
    }
}
