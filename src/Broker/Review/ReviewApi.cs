using Broker.Access;
using Broker.Api;
using Broker.Guardrails;
using Broker.Intake;
using Broker.Rendering;
using Broker.Sharing;
using Broker.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Review;

public static class ReviewApi
{
    public static IEndpointRouteBuilder MapReviewApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/items/{id}").WithTags("Review");
        group.MapGet("/preview", Preview).RequireAuthorization(Policies.Staff);
        group.MapPost("/approve", Approve).RequireAuthorization(Policies.Managers);
        group.MapPost("/send-back", SendBack).RequireAuthorization(Policies.Managers);
        group.MapPost("/reject", Reject).RequireAuthorization(Policies.Managers);
        return app;
    }

    /// <summary>Approval, with an optional publish time and, optionally, opening the item for sharing by ASN at once.</summary>
    /// <summary><c>electionOverride</c>: an editor's written reason to approve an item an election period would refuse.</summary>
    public sealed record ApproveRequest(DateTimeOffset? PublishAt, ShareSettings.Request? Share, string? ElectionOverride = null);

    public sealed record SendBackRequest(string? Comment);

    public sealed record RejectRequest(string? Reason);

    public static async Task<Results<Ok<ChannelPreview[]>, ProblemHttpResult>> Preview(
        string id, IItemStore items, PostRenderer renderer, ElectionGuard election, HttpContext context, CancellationToken cancellationToken)
    {
        var item = await items.GetAsync(id, cancellationToken);
        if (item is null || !Caller.Of(context).SeesItem(item))
        {
            return ApiResults.NotFound("item", id);
        }

        var previews = await renderer.PreviewAsync(item, cancellationToken);
        var findings = await election.ReviewAsync(item, previews, null, cancellationToken);
        return TypedResults.Ok(previews.Select(p => p with { ElectionTerms = ElectionGuard.FoundIn(p, findings) }).ToArray());
    }

    public static async Task<IResult> Approve(
        string id,
        ApproveRequest? request,
        IItemStore items,
        IDeliveryStore deliveries,
        ReviewService review,
        ShareSettings sharing,
        UserTimes times,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        times.Coming(errors, "publishAt", request?.PublishAt);
        errors.Text("electionOverride", request?.ElectionOverride, Notes.MaxLength, required: false);
        if (request?.ElectionOverride is not null && !Caller.Of(context).IsEditor)
        {
            return ApiResults.Forbidden("electionOverride", new UserMessage(MessageCodes.ReviewElectionOverride, "Only editors override an election period's refusal."));
        }

        if (request?.Share is { } share)
        {
            if (!Caller.Of(context).IsEditor)
            {
                return ApiResults.Forbidden("Only editors open items for sharing.");
            }

            foreach (var (field, messages) in (await sharing.CheckAsync(share, cancellationToken)).ToDictionary())
            {
                foreach (var message in messages)
                {
                    errors.Add(field, message);
                }
            }
        }

        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        return await Decide(id, items, deliveries, review.WhyCannotApproveAsync, context, async (item, ct) =>
        {
            var approved = await review.ApproveAsync(item, request?.PublishAt, Actor.Of(context), ct, request?.ElectionOverride);
            return approved.Succeeded && request?.Share is { } open ? await sharing.OpenAsync(item, open, Actor.Of(context), ct) : approved;
        }, cancellationToken);
    }

    public static async Task<IResult> SendBack(
        string id, SendBackRequest request, IItemStore items, IDeliveryStore deliveries, ReviewService review, HttpContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Comment) || request.Comment.Length > Notes.MaxLength)
        {
            return ApiResults.Invalid("comment", $"comment is required (at most {Notes.MaxLength} characters): tell the author what to change.");
        }

        return await Decide(id, items, deliveries, review.WhyCannotReviewAsync, context, (item, ct) => review.SendBackAsync(item, request.Comment.Trim(), Actor.Of(context), ct), cancellationToken);
    }

    public static async Task<IResult> Reject(
        string id, RejectRequest request, IItemStore items, IDeliveryStore deliveries, ReviewService review, HttpContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > Notes.MaxLength)
        {
            return ApiResults.Invalid("reason", $"reason is required (at most {Notes.MaxLength} characters).");
        }

        return await Decide(id, items, deliveries, review.WhyCannotReviewAsync, context, (item, ct) => review.RejectAsync(item, request.Reason.Trim(), Actor.Of(context), ct), cancellationToken);
    }

    private static async Task<IResult> Decide(
        string id,
        IItemStore items,
        IDeliveryStore deliveries,
        Func<Caller, Item, CancellationToken, Task<UserMessage?>> whyNot,
        HttpContext context,
        Func<Item, CancellationToken, Task<OperationResult>> decide,
        CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        var item = await items.GetAsync(id, cancellationToken);
        if (item is null || !caller.SeesItem(item))
        {
            return ApiResults.NotFound("item", id);
        }

        if (await whyNot(caller, item, cancellationToken) is { } reason)
        {
            return ApiResults.Forbidden(reason);
        }

        var result = await decide(item, cancellationToken);
        if (result.Problems?.TryGetValue(ReviewService.ElectionProblem, out var terms) == true)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(result.Problems.ToDictionary())
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The item names terms of an election period that refuses approval",
                Detail = string.Join("; ", terms) + ". An editor may approve it anyway with electionOverride: a written reason, which is audited.",
            });
        }

        return result.Succeeded
            ? TypedResults.Ok(ItemView.Of(item, await deliveries.ListByItemAsync(id, cancellationToken)))
            : ApiResults.Refused(result);
    }
}
