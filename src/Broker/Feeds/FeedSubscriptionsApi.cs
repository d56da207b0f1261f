using Broker.Access;
using Broker.Api;
using Broker.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Feeds;

/// <summary>
/// <c>/api/feeds</c>: an editor (any OPD) or an OPD admin (their own) subscribes an OPD to a feed, lists and reads the
/// subscriptions with their state, asks for a read now, or unsubscribes.
/// </summary>
public static class FeedSubscriptionsApi
{
    public static IEndpointRouteBuilder MapFeedSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/feeds").WithTags("Feeds").RequireAuthorization(Policies.Managers);
        group.MapPost("/", Subscribe);
        group.MapGet("/", List);
        group.MapGet("/{id}", Get);
        group.MapPost("/{id}/poll", Poll);
        group.MapDelete("/{id}", Unsubscribe);
        return app;
    }

    public static async Task<Results<Created<FeedSubscriptionView>, ValidationProblem, ProblemHttpResult>> Subscribe(
        FeedSubscriptionRequest request, FeedSubscriptions subscriptions, HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        if (request.Opd is { Length: > 0 } opd && !caller.Sees(opd))
        {
            return ApiResults.Forbidden($"An OPD admin subscribes only their own OPD, not '{opd}'.");
        }

        var errors = await subscriptions.ValidateAsync(request, caller, cancellationToken);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        return await subscriptions.SubscribeAsync(request, caller, cancellationToken) is { } subscription
            ? TypedResults.Created($"/api/feeds/{subscription.Id}", FeedSubscriptionView.Of(subscription))
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already subscribed", detail: $"OPD '{request.Opd}' already subscribes to {request.Url}.");
    }

    public static async Task<JsonList<FeedSubscriptionView[]>> List(string? opd, IFeedSubscriptionStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        var found = await store.ListAsync(caller.ScopeOpd(string.IsNullOrEmpty(opd) ? null : opd), cancellationToken);
        return ApiResults.List(found.Select(FeedSubscriptionView.Of).ToArray());
    }

    public static async Task<Results<Ok<FeedSubscriptionView>, ProblemHttpResult>> Get(string id, IFeedSubscriptionStore store, HttpContext context, CancellationToken cancellationToken) =>
        await Visible(id, store, context, cancellationToken) is { } subscription ? TypedResults.Ok(FeedSubscriptionView.Of(subscription)) : ApiResults.NotFound("feed subscription", id);

    /// <summary>Reads the feed now (whatever its next read was), and answers the subscription with how it went.</summary>
    public static async Task<Results<Ok<FeedSubscriptionView>, ProblemHttpResult>> Poll(
        string id, IFeedSubscriptionStore store, FeedPoller poller, HttpContext context, CancellationToken cancellationToken) =>
        await Visible(id, store, context, cancellationToken) is { } subscription
            ? TypedResults.Ok(FeedSubscriptionView.Of(await poller.PollAsync(subscription, cancellationToken)))
            : ApiResults.NotFound("feed subscription", id);

    public static async Task<Results<NoContent, ProblemHttpResult>> Unsubscribe(
        string id, IFeedSubscriptionStore store, FeedSubscriptions subscriptions, HttpContext context, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await Visible(id, store, context, cancellationToken) is not { } subscription)
            {
                return ApiResults.NotFound("feed subscription", id);
            }

            if (await subscriptions.UnsubscribeAsync(subscription, Caller.Of(context).Id, cancellationToken))
            {
                return TypedResults.NoContent();
            }
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Changed meanwhile", detail: "The subscription kept changing while it was being removed; try again.");
    }

    private static async Task<FeedSubscription?> Visible(string id, IFeedSubscriptionStore store, HttpContext context, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } subscription && Caller.Of(context).Sees(subscription.Opd) ? subscription : null;
}
