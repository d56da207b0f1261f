using Broker.Access;
using Broker.Api;
using Broker.Guardrails;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Accounts.Pausing;

/// <summary>Pausing and resuming one account (<see cref="AccountPauses"/>): editors any, an OPD admin their OPD's.</summary>
public static class AccountPausesApi
{
    public static IEndpointRouteBuilder MapAccountPausesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/accounts").WithTags("Channel accounts");
        group.MapPost("/{id}/pause", Pause).RequireAuthorization(Policies.Managers);
        group.MapPost("/{id}/resume", Resume).RequireAuthorization(Policies.Managers);
        return app;
    }

    public sealed record PauseAccountRequest(string? Reason);

    public static async Task<Results<Ok<SuspensionView>, ValidationProblem, ProblemHttpResult>> Pause(
        string id, PauseAccountRequest? request, AccountPauses pauses, HttpContext context, CancellationToken cancellationToken)
    {
        var outcome = await pauses.PauseAsync(Caller.Of(context), id, request?.Reason, "Paused from the accounts page.", cancellationToken);
        return Answer(outcome, id);
    }

    public static async Task<Results<Ok<SuspensionView>, ValidationProblem, ProblemHttpResult>> Resume(
        string id, AccountPauses pauses, HttpContext context, CancellationToken cancellationToken)
    {
        var outcome = await pauses.ResumeAsync(Caller.Of(context), id, cancellationToken);
        return Answer(outcome, id);
    }

    private static Results<Ok<SuspensionView>, ValidationProblem, ProblemHttpResult> Answer(AccountPauseOutcome outcome, string id) => outcome.Result switch
    {
        AccountPauseResult.Done => TypedResults.Ok(SuspensionView.Of(outcome.Pause!)),
        AccountPauseResult.NotFound => ApiResults.NotFound("account", id),
        AccountPauseResult.Invalid => ApiResults.Invalid("reason", outcome.Detail!),
        AccountPauseResult.EditorsPause => TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden, title: "Paused by an editor", detail: outcome.Detail, extensions: ApiResults.Code(ProblemCodes.EditorsPause)),
        _ => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict, title: "Not allowed in the current state", detail: outcome.Detail, extensions: ApiResults.Code(ProblemCodes.StateConflict)),
    };
}
