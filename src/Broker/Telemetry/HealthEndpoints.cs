using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Broker.Telemetry;

/// <summary>
/// <c>/health/live</c>: the process answers (no check; a restart is the cure for a failure). <c>/health/ready</c>: every
/// check (the database takes a write, the scheduler runs, the journal writes, few deliveries stuck, no failed fsync);
/// 503 when one is unhealthy, 200 when degraded, with each check's status in JSON. <c>/health</c> runs the same checks
/// and answers in plain text as it always did.
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapBrokerHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = WriteReportAsync }).AllowAnonymous();
        return app;
    }

    // Names, statuses and the checks' short descriptions; never a stack trace, since the endpoint is anonymous (the log has it).
    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new Dictionary<string, object>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(
                e => e.Key,
                e => new Dictionary<string, string?> { ["status"] = e.Value.Status.ToString(), ["description"] = e.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
