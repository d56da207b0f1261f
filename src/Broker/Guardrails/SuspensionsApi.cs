using Broker.Access;
using Broker.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Guardrails;

/// <summary>Suspending and resuming publishing: the suspensions in force, a new one, a resume.</summary>
public static class SuspensionsApi
{
    public static IEndpointRouteBuilder MapSuspensionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/suspensions").WithTags("Guardrails");
        group.MapGet("/", List).RequireAuthorization(Policies.Staff);
        group.MapPost("/", Suspend).RequireAuthorization(Policies.Editor);
        group.MapPost("/{id}/resume", Resume).RequireAuthorization(Policies.Editor);
        return app;
    }

    public static async Task<Ok<SuspensionView[]>> List(SuspensionCheck check, CancellationToken cancellationToken) =>
        TypedResults.Ok((await check.ActiveAsync(cancellationToken)).Select(SuspensionView.Of).ToArray());

    public static async Task<IResult> Suspend(SuspendRequest request, SuspensionService suspensions, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = await suspensions.CheckAsync(request, cancellationToken);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        var (result, suspension) = await suspensions.SuspendAsync(request, Actor.Of(context), cancellationToken);
        return result.Succeeded
            ? TypedResults.Created($"/api/suspensions/{Uri.EscapeDataString(suspension!.Id)}", SuspensionView.Of(suspension))
            : ApiResults.Refused(result);
    }

    public static async Task<IResult> Resume(string id, SuspensionService suspensions, HttpContext context, CancellationToken cancellationToken)
    {
        var (result, suspension) = await suspensions.ResumeAsync(id, Actor.Of(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(SuspensionView.Of(suspension!)) : ApiResults.Refused(result);
    }
}
