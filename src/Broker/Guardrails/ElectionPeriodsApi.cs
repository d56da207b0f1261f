using Broker.Access;
using Broker.Api;
using Broker.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Guardrails;

/// <summary>Election periods and their terms.</summary>
public static class ElectionPeriodsApi
{
    public static IEndpointRouteBuilder MapElectionPeriodsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/election-periods").WithTags("Guardrails");
        group.MapGet("/", List).RequireAuthorization(Policies.Managers);
        group.MapGet("/{id}", Get).RequireAuthorization(Policies.Managers);
        group.MapPost("/", Create).RequireAuthorization(Policies.Editor);
        group.MapPut("/{id}", Change).RequireAuthorization(Policies.Editor);
        return app;
    }

    public static async Task<Ok<ElectionPeriod[]>> List(IElectionPeriodStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(cancellationToken)).ToArray());

    public static async Task<Results<Ok<ElectionPeriod>, ProblemHttpResult>> Get(string id, IElectionPeriodStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } period ? TypedResults.Ok(period) : ApiResults.NotFound("election period", id);

    public static async Task<IResult> Create(ElectionPeriodRequest request, ElectionPeriods periods, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = ElectionPeriods.Check(request);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        var period = await periods.CreateAsync(request, Actor.Of(context), cancellationToken);
        return TypedResults.Created($"/api/election-periods/{period.Id}", period);
    }

    public static async Task<IResult> Change(
        string id, ElectionPeriodRequest request, IElectionPeriodStore store, ElectionPeriods periods, HttpContext context, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } period)
        {
            return ApiResults.NotFound("election period", id);
        }

        var errors = ElectionPeriods.Check(request);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        var result = await periods.ChangeAsync(period, request, Actor.Of(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(period) : ApiResults.Refused(result);
    }
}
