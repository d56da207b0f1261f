using Broker.Access;
using Broker.Api;
using Broker.Intake;
using Broker.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Sharing;

/// <summary>Flow 7: items open for sharing, each ASN's personal links with intents and QR, and the clicks they bring.</summary>
public static class SharingApi
{
    public static IEndpointRouteBuilder MapSharingApi(this IEndpointRouteBuilder app)
    {
        var items = app.MapGroup("/api/items/{id}").WithTags("Sharing");
        items.MapPost("/sharing", Open).RequireAuthorization(Policies.Editor);
        items.MapDelete("/sharing", Close).RequireAuthorization(Policies.Editor);
        items.MapGet("/share-link", GetLink).RequireAuthorization(Policies.Member);
        items.MapGet("/clicks", Clicks).RequireAuthorization(Policies.Managers);
        app.MapGet("/api/share-list", GetShareList).WithTags("Sharing").RequireAuthorization(Policies.Member);
        return app;
    }

    public sealed record SharingView(string ItemId, DateTimeOffset? SharedAt, DateTimeOffset? Until, IReadOnlyList<string> Opds);

    public sealed record AsnCount(string Nip, string Name, string Opd, int Total, int Unique);

    public sealed record OpdCount(string Opd, int Total, int Unique);

    public sealed record ItemClicks(int Total, int Unique, IReadOnlyList<AsnCount> ByAsn, IReadOnlyList<OpdCount> ByOpd);

    public static async Task<IResult> Open(
        string id, ShareSettings.Request request, IItemStore items, ShareSettings sharing, HttpContext context, CancellationToken cancellationToken)
    {
        var item = await items.GetAsync(id, cancellationToken);
        if (item is null)
        {
            return ApiResults.NotFound("item", id);
        }

        var errors = await sharing.CheckAsync(request, cancellationToken);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        // The request names no version: a change made meanwhile (the item's deliveries finishing) is read and the opening
        // applied to it; a state that cannot be shared is refused as before.
        var actor = Actor.Of(context);
        if (await AsItStandsAsync(item, items, i => sharing.OpenAsync(i, request, actor, cancellationToken), r => r.Succeeded, cancellationToken) is not { } opened)
        {
            return ApiResults.NotFound("item", id);
        }

        var (shared, result) = opened;

        return result.Succeeded ? TypedResults.Ok(new SharingView(shared.Id, shared.SharedAt, shared.ShareUntil, shared.ShareOpds)) : ApiResults.Refused(result);
    }

    public static async Task<Results<Ok<SharingView>, ProblemHttpResult>> Close(string id, IItemStore items, ShareSettings sharing, HttpContext context, CancellationToken cancellationToken)
    {
        var item = await items.GetAsync(id, cancellationToken);
        if (item is null)
        {
            return ApiResults.NotFound("item", id);
        }

        // Nor does a closing: it is applied to the item as changed meanwhile, not refused for it.
        var actor = Actor.Of(context);
        if (await AsItStandsAsync(item, items, i => sharing.CloseAsync(i, actor, cancellationToken), done => done, cancellationToken) is not { } applied)
        {
            return ApiResults.NotFound("item", id);
        }

        var (closedItem, closed) = applied;

        if (!closed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not allowed in the current state", detail: "The item was changed by someone else meanwhile; read it again and retry.");
        }

        return TypedResults.Ok(new SharingView(closedItem.Id, closedItem.SharedAt, closedItem.ShareUntil, closedItem.ShareOpds));
    }

    // How many times an opening or closing is applied to the item as it then stands before a conflict is answered. Three
    // were too few on PostgreSQL under load: a writer changing the item every few milliseconds won all three (CI).
    private const int Attempts = 10;

    /// <summary>
    /// Applies a change that names no version: when another change of the item won meanwhile (not <paramref name="done"/>),
    /// the item is read again and the change applied to it, up to <see cref="Attempts"/> times in all. Null when the item
    /// is gone.
    /// </summary>
    private static async Task<(Item Item, T Result)?> AsItStandsAsync<T>(
        Item item, IItemStore items, Func<Item, Task<T>> apply, Func<T, bool> done, CancellationToken cancellationToken)
    {
        var result = await apply(item);
        for (var attempt = 1; !done(result) && attempt < Attempts; attempt++)
        {
            if (await items.GetAsync(item.Id, cancellationToken) is not { } again)
            {
                return null;
            }

            (item, result) = (again, await apply(again));
        }

        return (item, result);
    }

    /// <summary>An ASN's link to an item: their own (asn), any ASN's (editor), their OPD's ASN's (OPD admin).</summary>
    public static async Task<IResult> GetLink(
        string id, string? asn, IItemStore items, ShareList shareList, ShareLinks links, Guardrails.ElectionGuard election, HttpContext context, CancellationToken cancellationToken)
    {
        var owner = await shareList.OwnerAsync(asn, Caller.Of(context), cancellationToken);
        if (owner.Asn is not { } record)
        {
            return Refused(owner, asn);
        }

        var item = await items.GetAsync(id, cancellationToken);
        if (item is null)
        {
            return ApiResults.NotFound("item", id);
        }

        if (links.WhyNotShared(item, record) is { } reason)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not open for sharing", detail: reason);
        }

        if (Guardrails.ElectionGuard.Withholding(item, await election.NowAsync(cancellationToken)) is { } period)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Not open for sharing during an election period",
                detail: $"During '{period.Name}' (until {period.EndsAt:u}) " + (period.FreezeAsnSharing ? "ASN sharing is frozen." : "items naming its terms are not shared by ASN."));
        }

        return TypedResults.Ok(await links.GetOrCreateAsync(item, record, cancellationToken));
    }

    /// <summary>The items open for sharing to this ASN, newest first, each with their link and their own counts.</summary>
    public static async Task<IResult> GetShareList(string? asn, ShareList shareList, HttpContext context, CancellationToken cancellationToken)
    {
        var owner = await shareList.OwnerAsync(asn, Caller.Of(context), cancellationToken);
        return owner.Asn is { } record ? ApiResults.List((await shareList.BuildAsync(record, cancellationToken)).Entries) : Refused(owner, asn);
    }

    public static async Task<Results<Ok<ItemClicks>, ProblemHttpResult>> Clicks(
        string id, IItemStore items, IClickStore clicks, IAsnStore directory, HttpContext context, CancellationToken cancellationToken)
    {
        var item = await items.GetAsync(id, cancellationToken);
        if (item is null || !Caller.Of(context).SeesItem(item))
        {
            return ApiResults.NotFound("item", id);
        }

        var all = new ClickTally();
        var perAsn = new Dictionary<(string Nip, string Opd), ClickTally>();
        var perOpd = new Dictionary<string, ClickTally>(StringComparer.Ordinal);
        foreach (var click in clicks.ReadByItem(id))
        {
            all.Add(click.Visitor);
            ClickTally.For(perAsn, (click.Link.Nip, click.Link.Opd)).Add(click.Visitor);
            ClickTally.For(perOpd, click.Link.Opd).Add(click.Visitor);
        }

        foreach (var day in await clicks.DaysOfItemAsync(id, cancellationToken))
        {
            all.Add(day);
            ClickTally.For(perAsn, (day.Link.Nip, day.Link.Opd)).Add(day);
            ClickTally.For(perOpd, day.Link.Opd).Add(day);
        }

        var total = all.Counts;
        var names = (await directory.ListAsync(null, cancellationToken)).ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
        var byAsn = perAsn
            .Select(g => (g.Key, g.Value.Counts))
            .Select(g => new AsnCount(g.Key.Nip, names.GetValueOrDefault(g.Key.Nip, ""), g.Key.Opd, g.Counts.Total, g.Counts.Unique))
            .OrderByDescending(a => a.Total).ThenBy(a => a.Nip, StringComparer.Ordinal).ToArray();
        var byOpd = perOpd
            .Select(g => new OpdCount(g.Key, g.Value.Counts.Total, g.Value.Counts.Unique))
            .OrderByDescending(o => o.Total).ThenBy(o => o.Opd, StringComparer.Ordinal).ToArray();
        return TypedResults.Ok(new ItemClicks(total.Total, total.Unique, byAsn, byOpd));
    }

    private static IResult Refused(ShareList.Owner owner, string? nip) => owner.Refused switch
    {
        ShareList.Refusal.Forbidden => ApiResults.Forbidden(owner.Reason!),
        ShareList.Refusal.NipMissing => ApiResults.Invalid("asn", owner.Reason!),
        _ => ApiResults.NotFound("ASN", nip ?? ""),
    };
}
