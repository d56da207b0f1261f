using Broker.Access;
using Broker.Api;
using Broker.Audit;
using Broker.Events;
using Broker.Hosting;
using Broker.Intake;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Amplification;

/// <summary>
/// Flow 6 of PRODUCT.md: an OPD admin asks the central accounts to amplify an item or a URL; an editor accepts (a central
/// item is created from the request and goes through review like any other) or declines with a reason.
/// </summary>
public sealed class AmplificationService(
    IAmplificationStore requests,
    IItemStore items,
    IStateChanges changes,
    IAccountStore accounts,
    IOpdStore opds,
    ItemIntake intake,
    Auditor audit,
    IOptions<BrokerOptions> options,
    TimeProvider time,
    UserTimes userTimes)
{
    public const int MaxNote = Notes.MaxLength;

    /// <summary>A request; <paramref name="Title"/> names the central item made from a URL (an item brings its own).</summary>
    public sealed record Ask(string? Opd, string? ItemId, string? Url, string? Note, List<string>? AccountIds, DateTimeOffset? WishedAt, string? Title = null);

    public string CentralOpd => options.Value.CentralOpd;

    public async Task<FieldErrors> CheckAsync(Ask ask, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Text("opd", ask.Opd, 32);
        if (ask.Opd is { Length: > 0 } code && await opds.GetAsync(code, cancellationToken) is null)
        {
            errors.Add("opd", MessageCodes.UnknownOpd, $"There is no OPD '{code}'.", ("opd", code));
        }

        if (string.IsNullOrWhiteSpace(ask.ItemId) == string.IsNullOrWhiteSpace(ask.Url))
        {
            errors.Add("itemId", MessageCodes.AmplificationItemOrUrl, "Give either itemId (one of your OPD's items) or url (a post or article to amplify), not both.");
        }
        else if (ask.ItemId is { Length: > 0 } itemId && (await items.GetAsync(itemId, cancellationToken) is not { } item || item.Opd != ask.Opd))
        {
            errors.Add("itemId", MessageCodes.AmplificationNoItem, $"OPD '{ask.Opd}' has no item '{itemId}'.", ("item", itemId));
        }

        errors.Url("url", ask.Url);
        errors.Text("note", ask.Note, MaxNote);
        errors.Text("title", ask.Title, ItemIntake.MaxTitle, required: false);
        if (ask.AccountIds is not { Count: > 0 and <= ItemIntake.MaxAccounts })
        {
            errors.Add("accountIds", MessageCodes.AmplificationCentralAccounts, $"accountIds needs 1 to {ItemIntake.MaxAccounts} of the city's central accounts (GET /api/accounts?opd={CentralOpd}).", ("max", ItemIntake.MaxAccounts));
        }
        else
        {
            foreach (var id in ask.AccountIds.Distinct())
            {
                if (await accounts.GetAsync(id, cancellationToken) is not { } account || account.Opd != CentralOpd)
                {
                    errors.Add("accountIds", MessageCodes.AmplificationNotCentral, $"'{id}' is not one of the city's central accounts (OPD '{CentralOpd}').", ("account", id));
                }
            }
        }

        userTimes.Coming(errors, "wishedAt", ask.WishedAt);

        return errors;
    }

    public async Task<AmplificationRequest> RequestAsync(Ask ask, string actor, CancellationToken cancellationToken)
    {
        var request = new AmplificationRequest
        {
            Id = Guid.NewGuid().ToString("N"),
            Opd = ask.Opd!,
            ItemId = string.IsNullOrWhiteSpace(ask.ItemId) ? null : ask.ItemId,
            Url = string.IsNullOrWhiteSpace(ask.Url) ? null : ask.Url.Trim(),
            Note = ask.Note!.Trim(),
            Title = string.IsNullOrWhiteSpace(ask.Title) ? null : ask.Title.Trim(),
            AccountIds = [.. ask.AccountIds!.Distinct()],
            WishedAt = ask.WishedAt,
            Status = AmplificationStatus.Requested,
            RequestedBy = actor,
            CreatedAt = time.GetUtcNow(),
        };
        var change = new StateChange()
            .Insert(request)
            .Record(audit.Entry(actor, "amplification.requested", "amplification", request.Id, request.ItemId ?? request.Url))
            .Raise(DomainEvents.Request(EventTypes.AmplificationRequested, request, request.CreatedAt, actor, ("note", request.Note)));
        await changes.CommitAsync(change, cancellationToken); // a new request has no version to lose on
        return request;
    }

    /// <summary>Creates the central item from the request; it waits for review like any submitted item.</summary>
    public async Task<OperationResult> AcceptAsync(AmplificationRequest request, string actor, CancellationToken cancellationToken)
    {
        if (request.Status != AmplificationStatus.Requested)
        {
            return OperationResult.Conflict(UserMessage.Of(MessageCodes.AmplificationDecided, $"This request is already {Naming.Camel(request.Status)}.", ("status", request.Status)), request.Status);
        }

        var source = request.ItemId is null ? null : await items.GetAsync(request.ItemId, cancellationToken);
        var firstLine = request.Note.Split('\n', 2)[0].Trim();
        var draft = new ItemRequest(
            Opd: CentralOpd,
            Title: source?.Title ?? request.Title ?? (firstLine.Length > ItemIntake.MaxTitle ? firstLine[..ItemIntake.MaxTitle] : firstLine),
            Body: source?.Body ?? request.Note,
            Link: source?.Link ?? request.Url,
            EventEndedAt: source?.EventEndedAt,
            MediaIds: source?.MediaIds ?? [],
            AccountIds: request.AccountIds,
            PublishAt: request.WishedAt > time.GetUtcNow() ? request.WishedAt : null);
        var errors = await intake.ValidateAsync(draft, Caller.System, cancellationToken);
        if (errors.Any)
        {
            return OperationResult.Invalid(errors);
        }

        // The central item, the decision and their audit entries are one change, made only over the version of the request
        // that was read: of two editors accepting at once, one makes the item and the other hears it is decided.
        var item = intake.Draft(draft, actor);
        request.Status = AmplificationStatus.Accepted;
        request.ResultItemId = item.Id;
        request.DecidedBy = actor;
        request.DecidedAt = time.GetUtcNow();
        var change = new StateChange()
            .Insert(item)
            .Update(request)
            .Record(audit.Entry(actor, "item.submitted", "item", item.Id, item.Title))
            .Record(audit.Entry(actor, "amplification.accepted", "amplification", request.Id, item.Id))
            .Raise(intake.Submitted(item, actor))
            .Raise(DomainEvents.Request(EventTypes.AmplificationDecided, request, request.DecidedAt.Value, actor, ("resultItemId", item.Id)));
        return await CommitAsync(request.Id, change, cancellationToken);
    }

    /// <summary>Why a decline reason is refused (the OPD admin reads it, so it is required), or null when it will do.</summary>
    public static string? WhyReasonRefused(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Length > MaxNote
            ? $"reason is required (at most {MaxNote} characters): the OPD admin reads it."
            : null;

    public async Task<OperationResult> DeclineAsync(AmplificationRequest request, string reason, string actor, CancellationToken cancellationToken)
    {
        if (request.Status != AmplificationStatus.Requested)
        {
            return OperationResult.Conflict(UserMessage.Of(MessageCodes.AmplificationDecided, $"This request is already {Naming.Camel(request.Status)}.", ("status", request.Status)), request.Status);
        }

        request.Status = AmplificationStatus.Declined;
        request.DeclineReason = reason;
        request.DecidedBy = actor;
        request.DecidedAt = time.GetUtcNow();
        var change = new StateChange()
            .Update(request)
            .Record(audit.Entry(actor, "amplification.declined", "amplification", request.Id, reason))
            .Raise(DomainEvents.Request(EventTypes.AmplificationDecided, request, request.DecidedAt.Value, actor, ("reason", reason)));
        return await CommitAsync(request.Id, change, cancellationToken);
    }

    private async Task<OperationResult> CommitAsync(string id, StateChange change, CancellationToken cancellationToken)
    {
        if (await changes.CommitAsync(change, cancellationToken))
        {
            return OperationResult.Ok;
        }

        var current = await requests.GetAsync(id, cancellationToken);
        var status = current?.Status ?? AmplificationStatus.Requested;
        return OperationResult.Conflict(UserMessage.Of(MessageCodes.AmplificationDecidedMeanwhile, $"This request was decided meanwhile: it is {Naming.Camel(status)}.", ("status", status)), status);
    }
}
