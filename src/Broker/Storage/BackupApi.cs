using Broker.Access;
using Broker.Api;
using Broker.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Storage;

public static class BackupApi
{
    /// <summary><c>POST /api/admin/backup</c>: an editor takes an online backup of a LiteDB install (PostgreSQL: pg_dump).</summary>
    public static IEndpointRouteBuilder MapBackupApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/backup", TakeAsync).WithTags("Admin").RequireAuthorization(Policies.Editor);
        return app;
    }

    public static async Task<Results<Created<BackupTaken>, ProblemHttpResult>> TakeAsync(
        HttpContext context, IServiceProvider services, Auditor audit, CancellationToken cancellationToken)
    {
        if (services.GetService<LiteDbBackup>() is not { } backup)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "This broker stores its data in PostgreSQL",
                detail: "The online backup is for LiteDB installs; back PostgreSQL up with pg_dump (docs/deploy.md).");
        }

        var taken = await backup.TakeAsync(cancellationToken);
        await audit.RecordAsync(Actor.Of(context), "storage.backup", "backup", taken.Name, $"{taken.Bytes} bytes", cancellationToken);
        return TypedResults.Created((string?)null, taken);
    }
}
