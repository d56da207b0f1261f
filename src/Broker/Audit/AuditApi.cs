using Broker.Access;
using Broker.Api;
using Broker.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Audit;

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", Query).WithTags("Audit").RequireAuthorization(Policies.Editor);
        return app;
    }

    public static async Task<Results<Ok<AuditEntry[]>, ValidationProblem>> Query(
        string? objectId, string? actor, DateTimeOffset? from, DateTimeOffset? to, IAuditLog log, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        foreach (var (field, at) in new[] { ("from", from), ("to", to) })
        {
            if (at is { } value && !SupportedDates.Contains(value))
            {
                errors.Add(field, SupportedDates.Refusal(field));
            }
        }

        return errors.Any
            ? ApiResults.Invalid(errors)
            : TypedResults.Ok((await log.QueryAsync(new AuditQuery(objectId, actor, from, to), cancellationToken)).ToArray());
    }
}
