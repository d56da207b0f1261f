using Broker.Access;
using Broker.Api;
using Broker.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Webhooks;

public static class WebhooksApi
{
    /// <summary>The attempt log's length on a subscription's answer.</summary>
    public const int LogLength = 50;

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Editor);
        group.MapGet("/", List);
        group.MapPost("/", Create);
        group.MapGet("/{id}", Get);
        group.MapPut("/{id}", Update);
        group.MapDelete("/{id}", Delete);
        group.MapPost("/{id}/messages/{messageId}/replay", Replay);
        return app;
    }

    public static async Task<Ok<WebhookView[]>> List(IWebhookStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(cancellationToken)).Select(s => WebhookView.Of(s)).ToArray());

    public static async Task<Results<Created<WebhookView>, ValidationProblem>> Create(
        WebhookRequest request, WebhookService service, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = service.Check(request, creating: true);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        var (subscription, secret) = await service.CreateAsync(request, Actor.Of(context), cancellationToken);
        return TypedResults.Created($"/api/webhooks/{subscription.Id}", WebhookView.Of(subscription, secret));
    }

    public static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> Get(string id, IWebhookStore store, CancellationToken cancellationToken)
    {
        var subscription = await store.GetAsync(id, cancellationToken);
        return subscription is null
            ? ApiResults.NotFound("webhook", id)
            : TypedResults.Ok(WebhookView.Of(subscription, messages: await store.ListMessagesAsync(id, LogLength, cancellationToken)));
    }

    public static async Task<IResult> Update(
        string id, WebhookRequest request, IWebhookStore store, WebhookService service, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Secret is not null)
        {
            return ApiResults.Invalid("secret", "A secret is set only when the webhook is made; to change it, make a new webhook and remove this one.");
        }

        var errors = service.Check(request, creating: false);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        var subscription = await store.GetAsync(id, cancellationToken);
        if (subscription is null)
        {
            return ApiResults.NotFound("webhook", id);
        }

        var result = await service.UpdateAsync(subscription, request, Actor.Of(context), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(WebhookView.Of(subscription)) : ApiResults.Refused(result);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string id, IWebhookStore store, WebhookService service, HttpContext context, CancellationToken cancellationToken)
    {
        var subscription = await store.GetAsync(id, cancellationToken);
        if (subscription is null)
        {
            return ApiResults.NotFound("webhook", id);
        }

        await service.DeleteAsync(subscription, Actor.Of(context), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> Replay(
        string id, string messageId, IWebhookStore store, WebhookService service, HttpContext context, CancellationToken cancellationToken)
    {
        var message = await store.GetMessageAsync(messageId, cancellationToken);
        if (message is null || message.SubscriptionId != id)
        {
            return ApiResults.NotFound("webhook message", messageId);
        }

        var result = await service.ReplayAsync(message, Actor.Of(context), cancellationToken);
        return result.Succeeded ? TypedResults.Accepted($"/api/webhooks/{id}", WebhookMessageView.Of(message)) : ApiResults.Refused(result);
    }
}
