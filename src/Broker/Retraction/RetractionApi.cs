using Broker.Access;
using Broker.Api;
using Broker.Audit;
using Broker.Dispatch;
using Broker.Intake;
using Broker.Storage;

namespace Broker.Retraction;

/// <summary>
/// <c>POST /api/items/{id}/retract</c>, <c>POST /api/items/{id}/correct</c>, <c>POST /api/items/{id}/edit-in-place</c>
/// and <c>POST /api/deliveries/{id}/confirm-removal</c>: editors only.
/// </summary>
public static class RetractionApi
{
    public sealed record RetractRequest(string? Reason);

    /// <summary>The corrected text; fields left out are copied from the original. <c>retractOriginal</c> needs a <c>reason</c>.</summary>
    public sealed record CorrectRequest(string? Title, string? Body, string? Link, List<string>? AccountIds, List<string>? MediaIds, bool RetractOriginal, string? Reason);

    /// <summary>
    /// The corrected title and body of a published item, and why (kept with the new version); with the item's
    /// <c>version</c> it was read at, an edit made over a changed item is refused with 409.
    /// </summary>
    public sealed record EditInPlaceRequest(string? Title, string? Body, string? Reason, long? Version = null);

    public static IEndpointRouteBuilder MapRetractionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/items/{id}/edit-in-place", EditInPlace).WithTags("Retraction").RequireAuthorization(Policies.Editor);
        app.MapPost("/api/items/{id}/retract", Retract).WithTags("Retraction").RequireAuthorization(Policies.Editor);
        app.MapPost("/api/items/{id}/correct", Correct).WithTags("Retraction").RequireAuthorization(Policies.Editor);
        app.MapPost("/api/deliveries/{id}/confirm-removal", ConfirmRemoval).WithTags("Retraction").RequireAuthorization(Policies.Editor);
        return app;
    }

    public static async Task<IResult> Retract(
        string id, RetractRequest? request, IItemStore items, IDeliveryStore deliveries, RetractionService retraction, HttpContext context, CancellationToken cancellationToken)
    {
        if (ReasonProblem(request?.Reason) is { } problem)
        {
            return problem;
        }

        if (await items.GetAsync(id, cancellationToken) is not { } item)
        {
            return ApiResults.NotFound("item", id);
        }

        var result = await retraction.RetractAsync(item, request!.Reason!.Trim(), Actor.Of(context), cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(ItemView.Of(item, await deliveries.ListByItemAsync(id, cancellationToken)))
            : ApiResults.Refused(result);
    }

    public static async Task<IResult> Correct(
        string id, CorrectRequest request, IItemStore items, ItemIntake intake, CorrectionService corrections, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.RetractOriginal && ReasonProblem(request.Reason) is { } problem)
        {
            return problem;
        }

        if (await items.GetAsync(id, cancellationToken) is not { } original)
        {
            return ApiResults.NotFound("item", id);
        }

        var submission = new ItemRequest(
            original.Opd,
            request.Title ?? original.Title,
            request.Body ?? original.Body,
            request.Link ?? original.Link,
            original.EventEndedAt,
            request.MediaIds ?? [.. original.MediaIds],
            request.AccountIds ?? [.. original.AccountIds],
            null);
        var errors = await intake.ValidateAsync(submission, Caller.Of(context), cancellationToken);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        var (result, correction) = await corrections.CorrectAsync(original, submission, request.RetractOriginal, request.Reason?.Trim(), Actor.Of(context), cancellationToken);
        return result.Succeeded
            ? TypedResults.Created($"/api/items/{correction!.Id}", ItemView.Of(correction, []))
            : ApiResults.Refused(result);
    }

    public static async Task<IResult> EditInPlace(
        string id, EditInPlaceRequest request, IItemStore items, IDeliveryStore deliveries, InPlaceEdits edits, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Text("title", request.Title, ItemIntake.MaxTitle);
        errors.Text("body", request.Body, ItemIntake.MaxBody);
        errors.Text("reason", request.Reason, RetractionService.MaxReason);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        if (await items.GetAsync(id, cancellationToken) is not { } item)
        {
            return ApiResults.NotFound("item", id);
        }

        if (request.Version is { } version && version != item.Version)
        {
            return ApiResults.Refused(OperationResult.Conflict(
                UserMessage.Of(
                    MessageCodes.ItemEditStale,
                    $"The item was changed since version {version} (it is at version {item.Version}); read it again before correcting it.",
                    ("read", version),
                    ("current", item.Version)),
                item.Status));
        }

        var result = await edits.EditAsync(item, request.Title!.Trim(), request.Body!.Trim(), request.Reason!.Trim(), Actor.Of(context), cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(ItemView.Of(item, await deliveries.ListByItemAsync(id, cancellationToken)))
            : ApiResults.Refused(result);
    }

    public static async Task<IResult> ConfirmRemoval(
        string id, IDeliveryStore deliveries, IStateChanges changes, Auditor audit, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (await deliveries.GetAsync(id, cancellationToken) is not { } delivery)
        {
            return ApiResults.NotFound("delivery", id);
        }

        if (delivery.Status != DeliveryStatus.ManualRemovalNeeded)
        {
            return ApiResults.Refused(NotAwaitingRemoval(delivery.Status));
        }

        var actor = Actor.Of(context);
        delivery.Status = DeliveryStatus.Removed;
        delivery.RemovedAt = time.GetUtcNow();
        delivery.RemovalConfirmedBy = actor;
        delivery.UpdatedAt = delivery.RemovedAt.Value;
        var change = new StateChange().Update(delivery)
            .Record(audit.Entry(actor, "delivery.removalConfirmed", "delivery", delivery.Id, delivery.Permalink));
        return await changes.CommitAsync(change, cancellationToken)
            ? TypedResults.Ok(DeliveryView.Of(delivery))
            : ApiResults.Refused(await ChangedMeanwhileAsync(deliveries, id, cancellationToken));
    }

    /// <summary>Shared with the item's page, which words the same refusal in the reader's language.</summary>
    public static OperationResult NotAwaitingRemoval(DeliveryStatus status) => OperationResult.Conflict(
        UserMessage.Of(MessageCodes.DeliveryNotAwaitingRemoval, $"Only a delivery waiting for manual removal is confirmed; this one is {Naming.Camel(status)}.", ("status", status)),
        status);

    /// <summary>The confirmation lost to another change (someone else confirmed it?): the delivery's status as it is now.</summary>
    public static async Task<OperationResult> ChangedMeanwhileAsync(IDeliveryStore deliveries, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        var status = (await deliveries.GetAsync(id, cancellationToken))?.Status ?? DeliveryStatus.Removed;
        return OperationResult.Conflict(
            UserMessage.Of(MessageCodes.DeliveryChangedMeanwhile, $"The delivery was changed meanwhile (someone else confirmed it?); it is now {Naming.Camel(status)}. Nothing was done.", ("status", status)),
            status);
    }

    private static IResult? ReasonProblem(string? reason)
    {
        if (!string.IsNullOrWhiteSpace(reason) && reason.Length <= RetractionService.MaxReason)
        {
            return null;
        }

        var errors = new FieldErrors();
        errors.Add("reason", MessageCodes.RetractionReason, $"reason is required (at most {RetractionService.MaxReason} characters): say why the item is withdrawn.", ("max", RetractionService.MaxReason));
        return ApiResults.Invalid(errors);
    }
}
