using Broker.Access;
using Broker.Api;
using Broker.Guardrails;
using Broker.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Dispatch;

/// <summary>Operator controls: the failed and held deliveries with their reasons, retry now, cancel.</summary>
public static class DeliveriesApi
{
    public static IEndpointRouteBuilder MapDeliveriesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/deliveries").WithTags("Deliveries");
        group.MapGet("/", List).RequireAuthorization(Policies.Managers);
        group.MapGet("/{id}", Get).RequireAuthorization(Policies.Managers);
        group.MapPost("/{id}/retry", Retry).RequireAuthorization(Policies.Editor);
        group.MapPost("/{id}/cancel", Cancel).RequireAuthorization(Policies.Editor);
        return app;
    }

    /// <summary>
    /// A page of the deliveries in the given statuses (comma-separated; by default the ones that need a person: failed and
    /// held), soonest due first; the next page is in the <c>Link</c> header.
    /// </summary>
    public static async Task<Results<JsonList<DeliveryView[]>, ValidationProblem>> List(
        string? status,
        int? limit,
        string? cursor,
        IDeliveryStore deliveries,
        IAccountStore accounts,
        DeliveryVisibility visibility,
        SuspensionCheck suspensions,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var wanted = new List<DeliveryStatus>();
        foreach (var name in (status ?? "failed,held").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (StatusFilter.TryParse<DeliveryStatus>(name, out var parsed, out var error))
            {
                wanted.Add(parsed);
            }
            else
            {
                errors.Add("status", error);
            }
        }

        if (PageRequest.Read(limit, cursor, errors) is not { } page)
        {
            return ApiResults.Invalid(errors);
        }

        var query = await visibility.ScopeAsync(Caller.Of(context), new DeliveryListQuery(wanted), cancellationToken);
        var found = await deliveries.ListPageAsync(query, page.After, page.Limit, cancellationToken);
        var views = new List<DeliveryView>();
        foreach (var delivery in found.Rows)
        {
            views.Add(await ViewAsync(delivery, accounts, suspensions, cancellationToken));
        }

        PageRequest.Announce(context, found.Next);
        return ApiResults.List(views.ToArray());
    }

    public static async Task<Results<Ok<DeliveryView>, ProblemHttpResult>> Get(
        string id, IDeliveryStore deliveries, IAccountStore accounts, SuspensionCheck suspensions, HttpContext context, CancellationToken cancellationToken)
    {
        var delivery = await deliveries.GetAsync(id, cancellationToken);
        var account = delivery is null ? null : await accounts.GetAsync(delivery.AccountId, cancellationToken);
        return delivery is not null && DeliveryVisibility.Sees(Caller.Of(context), account)
            ? TypedResults.Ok(await ViewAsync(delivery, accounts, suspensions, cancellationToken))
            : ApiResults.NotFound("delivery", id);
    }

    /// <summary>The delivery, with why it waits when a suspension holds it back.</summary>
    private static async Task<DeliveryView> ViewAsync(Delivery delivery, IAccountStore accounts, SuspensionCheck suspensions, CancellationToken cancellationToken)
    {
        var view = DeliveryView.Of(delivery);
        return delivery.Status is DeliveryStatus.Scheduled or DeliveryStatus.Retrying
            && await accounts.GetAsync(delivery.AccountId, cancellationToken) is { } account
            && await suspensions.CoveringAsync(account, cancellationToken) is { } suspension
            ? view with { WaitingFor = SuspensionView.WaitingFor(suspension) }
            : view;
    }

    public static Task<IResult> Retry(string id, IDeliveryStore deliveries, DeliveryOperations operations, HttpContext context, CancellationToken cancellationToken) =>
        Operate(id, deliveries, (d, ct) => operations.RetryAsync(d, Actor.Of(context), ct), cancellationToken);

    public static Task<IResult> Cancel(string id, IDeliveryStore deliveries, DeliveryOperations operations, HttpContext context, CancellationToken cancellationToken) =>
        Operate(id, deliveries, (d, ct) => operations.CancelAsync(d, Actor.Of(context), ct), cancellationToken);

    private static async Task<IResult> Operate(
        string id, IDeliveryStore deliveries, Func<Delivery, CancellationToken, Task<OperationResult>> operate, CancellationToken cancellationToken)
    {
        var delivery = await deliveries.GetAsync(id, cancellationToken);
        if (delivery is null)
        {
            return ApiResults.NotFound("delivery", id);
        }

        var result = await operate(delivery, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(DeliveryView.Of(delivery)) : ApiResults.Refused(result);
    }
}
