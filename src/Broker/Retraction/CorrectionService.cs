using Broker.Api;
using Broker.Audit;
using Broker.Intake;
using Broker.Storage;

namespace Broker.Retraction;

/// <summary>
/// A correction is a new item linked to the original (<see cref="Item.CorrectsItemId"/>, <see cref="Item.CorrectedByItemId"/>),
/// submitted for review like any other: the SOP applies to it. Optionally the original is retracted in the same commit,
/// so either both happen or neither. Editing a post in place is an adapter capability (<c>IPostEditor</c>, Facebook only)
/// that the broker does not call yet (README).
/// </summary>
public sealed class CorrectionService(IStateChanges changes, IArchiveStore archive, ItemIntake intake, RetractionService retraction, Auditor audit, TimeProvider time)
{
    public async Task<(OperationResult Result, Item? Correction)> CorrectAsync(
        Item original, ItemRequest request, bool retractOriginal, string? reason, string actor, CancellationToken cancellationToken)
    {
        if (original.CorrectedByItemId is { } already)
        {
            return (OperationResult.Conflict(
                UserMessage.Of(MessageCodes.CorrectionAlready, $"This item was corrected already, by item {already}; correct that one instead.", ("item", already)), original.Status), null);
        }

        if (original.Status is not (ItemStatus.Approved or ItemStatus.Published or ItemStatus.Failed or ItemStatus.Retracted))
        {
            return (OperationResult.Conflict(
                UserMessage.Of(
                    MessageCodes.CorrectionNotCorrectable,
                    $"Only an approved, published or retracted item is corrected; edit this {Naming.Camel(original.Status)} one instead.",
                    ("status", original.Status)),
                original.Status), null);
        }

        // An original archived long ago is moved back among the working rows first, so the link to its correction commits.
        await archive.RestoreAsync(original.Id, cancellationToken);
        var correction = intake.Draft(request, actor);
        correction.CorrectsItemId = original.Id;
        original.CorrectedByItemId = correction.Id;
        original.UpdatedAt = time.GetUtcNow();
        var change = new StateChange()
            .Insert(correction)
            .Record(audit.Entry(actor, "item.submitted", "item", correction.Id, $"correction of item {original.Id}: {correction.Title}"))
            .Record(audit.Entry(actor, "item.corrected", "item", original.Id, $"corrected by item {correction.Id}"));
        if (retractOriginal && original.Status != ItemStatus.Retracted)
        {
            var retracted = await retraction.RetractAsync(original, reason!, actor, cancellationToken, change);
            return (retracted, retracted.Succeeded ? correction : null);
        }

        change.Update(original);
        return await changes.CommitAsync(change, cancellationToken)
            ? (OperationResult.Ok, correction)
            : (OperationResult.Conflict(
                UserMessage.Of(MessageCodes.ItemChangedMeanwhile, "The item was changed by someone else meanwhile; nothing was done.", ("status", original.Status)), original.Status), null);
    }
}
