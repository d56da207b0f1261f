using Microsoft.AspNetCore.Mvc;

namespace Broker.Access;

/// <summary>Problem details written outside an endpoint (authentication challenges, rate limiting).</summary>
internal static class Problems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();

        // A client that accepts neither JSON nor a page (a browser following an API link asks for text/html) still gets the problem.
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
        }
    }
}
