using Broker.Access;
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

    public static async Task<Ok<AuditEntry[]>> Query(
        string? objectId, string? actor, DateTimeOffset? from, DateTimeOffset? to, IAuditLog log, CancellationToken cancellationToken) =>
        TypedResults.Ok((await log.QueryAsync(new AuditQuery(objectId, actor, from, to), cancellationToken)).ToArray());
}
