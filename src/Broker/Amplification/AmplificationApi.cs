using Broker.Access;
using Broker.Api;
using Broker.Dispatch;
using Broker.Hosting;
using Broker.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Amplification;

public static class AmplificationApi
{
    public static IEndpointRouteBuilder MapAmplificationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/amplification-requests").WithTags("Amplification");
        group.MapPost("/", Request).RequireAuthorization(Policies.Managers);
        group.MapGet("/", List).RequireAuthorization(Policies.Managers);
        group.MapGet("/{id}", Get).RequireAuthorization(Policies.Managers);
        group.MapPost("/{id}/accept", Accept).RequireAuthorization(Policies.Editor);
        group.MapPost("/{id}/decline", Decline).RequireAuthorization(Policies.Editor);
        return app;
    }

    public sealed record DeclineRequest(string? Reason);

    /// <summary>A request with its decision and, once accepted, the central item and its deliveries.</summary>
    public sealed record AmplificationView(
        string Id,
        string Opd,
        string? ItemId,
        string? Url,
        string Note,
        IReadOnlyList<string> AccountIds,
        DateTimeOffset? WishedAt,
        AmplificationStatus Status,
        string? DeclineReason,
        string? ResultItemId,
        string RequestedBy,
        string? DecidedBy,
        DateTimeOffset CreatedAt,
        DateTimeOffset? DecidedAt,
        IReadOnlyList<DeliveryView> Deliveries,
        string? Title)
    {
        public static AmplificationView Of(AmplificationRequest r, IEnumerable<Delivery> deliveries) => new(
            r.Id, r.Opd, r.ItemId, r.Url, r.Note, r.AccountIds, r.WishedAt, r.Status, r.DeclineReason, r.ResultItemId, r.RequestedBy,
            r.DecidedBy, r.CreatedAt, r.DecidedAt, [.. deliveries.OrderBy(d => d.CreatedAt).Select(DeliveryView.Of)], r.Title);
    }

    /// <summary>The answer to an acceptance: the central item to review.</summary>
    public sealed record Accepted(string Id, AmplificationStatus Status, string ItemId);

    public static async Task<Results<Created<AmplificationView>, ValidationProblem, ProblemHttpResult>> Request(
        AmplificationService.Ask ask, AmplificationService service, HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        if (ask.Opd is { Length: > 0 } opd && !caller.Sees(opd))
        {
            return ApiResults.Forbidden($"An OPD admin requests amplification only for their own OPD, not '{opd}'.");
        }

        var errors = await service.CheckAsync(ask, cancellationToken);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        var request = await service.RequestAsync(ask, caller.Id, cancellationToken);
        return TypedResults.Created($"/api/amplification-requests/{request.Id}", AmplificationView.Of(request, []));
    }

    public static async Task<Results<JsonList<AmplificationView[]>, ValidationProblem>> List(
        string? status, string? opd, IAmplificationStore requests, HttpContext context, CancellationToken cancellationToken)
    {
        AmplificationStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!StatusFilter.TryParse<AmplificationStatus>(status, out var parsed, out var error))
            {
                return ApiResults.Invalid("status", error);
            }

            wanted = parsed;
        }

        var found = await requests.ListAsync(Caller.Of(context).ScopeOpd(opd), wanted, cancellationToken);
        return ApiResults.List(found.Select(r => AmplificationView.Of(r, [])).ToArray());
    }

    public static async Task<Results<Ok<AmplificationView>, ProblemHttpResult>> Get(
        string id, IAmplificationStore requests, IDeliveryStore deliveries, HttpContext context, CancellationToken cancellationToken)
    {
        var request = await requests.GetAsync(id, cancellationToken);
        if (request is null || !Caller.Of(context).Sees(request.Opd))
        {
            return ApiResults.NotFound("amplification request", id);
        }

        var made = request.ResultItemId is { } item ? await deliveries.ListByItemAsync(item, cancellationToken) : [];
        return TypedResults.Ok(AmplificationView.Of(request, made));
    }

    public static async Task<IResult> Accept(string id, IAmplificationStore requests, AmplificationService service, HttpContext context, CancellationToken cancellationToken)
    {
        var request = await requests.GetAsync(id, cancellationToken);
        if (request is null)
        {
            return ApiResults.NotFound("amplification request", id);
        }

        var result = await service.AcceptAsync(request, Actor.Of(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(new Accepted(request.Id, request.Status, request.ResultItemId!)) : ApiResults.Refused(result);
    }

    public static async Task<IResult> Decline(
        string id, DeclineRequest body, IAmplificationStore requests, IDeliveryStore deliveries, AmplificationService service, HttpContext context, CancellationToken cancellationToken)
    {
        if (AmplificationService.WhyReasonRefused(body.Reason) is { } refused)
        {
            return ApiResults.Invalid("reason", refused);
        }

        var request = await requests.GetAsync(id, cancellationToken);
        if (request is null)
        {
            return ApiResults.NotFound("amplification request", id);
        }

        var result = await service.DeclineAsync(request, body.Reason!.Trim(), Actor.Of(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(AmplificationView.Of(request, [])) : ApiResults.Refused(result);
    }
}
