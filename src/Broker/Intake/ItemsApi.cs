using System.Globalization;
using System.Text.Json;
using Broker.Access;
using Broker.Api;
using Broker.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Broker.Intake;

public static class ItemsApi
{
    public static IEndpointRouteBuilder MapItemsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/items").WithTags("Items").RequireAuthorization(Policies.Staff);
        group.MapPost("/", Submit);
        group.MapGet("/", List);
        group.MapGet("/{id}", Get);
        group.MapPut("/{id}", Edit);
        return app;
    }

    public static async Task<Results<Created<ItemView>, ValidationProblem, ProblemHttpResult>> Submit(
        ItemRequest request, ItemIntake intake, HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        if (request.Opd is { Length: > 0 } opd && !caller.Sees(opd))
        {
            return ApiResults.Forbidden($"An OPD admin submits items only for their own OPD, not '{opd}'.");
        }

        var errors = await intake.ValidateAsync(request, caller, cancellationToken);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        var item = await intake.SubmitAsync(request, caller.Id, cancellationToken);
        return TypedResults.Created($"/api/items/{item.Id}", ItemView.Of(item, []));
    }

    /// <summary>
    /// A page of the items the caller sees, newest first; the next page is in the <c>Link</c> header. On LiteDB the same
    /// request of the same caller is answered from <see cref="ItemListCache"/> until an item or a delivery changes.
    /// </summary>
    public static async Task<Results<JsonList<ItemView[]>, ValidationProblem, JsonBytesResult>> List(
        string? status,
        string? opd,
        int? limit,
        string? cursor,
        IItemStore items,
        IDeliveryStore deliveries,
        ItemListCache cache,
        IOptions<JsonOptions> json,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        ItemStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (StatusFilter.TryParse<ItemStatus>(status, out var parsed, out var error))
            {
                wanted = parsed;
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

        var caller = Caller.Of(context);

        // Taken before the reads: an answer kept under it is at least as new as the data it names.
        var version = cache.Version();
        var key = version is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{caller.Role}\n{caller.Id}\n{caller.Opd}\n{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}");
        if (version is { } current && cache.Find(key, current) is { } kept)
        {
            PageRequest.Announce(context, kept.Next);
            return new JsonBytesResult(kept.Json);
        }

        var query = new ItemListQuery(wanted, caller.ScopeOpd(string.IsNullOrEmpty(opd) ? null : opd), caller.Role == UserRole.Reporter ? caller.Id : null);
        var found = await items.ListPageAsync(query, page.After, page.Limit, cancellationToken);
        var shown = found.Rows.Where(caller.SeesItem).ToList();
        var byItem = (await deliveries.ListByItemsAsync(ItemSpan.Of(shown, whole: query.TakesAll), cancellationToken)).ToLookup(d => d.ItemId);
        PageRequest.Announce(context, found.Next);
        var views = shown.Select(item => ItemView.Of(item, byItem[item.Id])).ToArray();
        if (version is not { } readAt || !cache.Wanted(key, readAt))
        {
            return ApiResults.List(views);
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(views, json.Value.SerializerOptions);
        cache.Keep(key, readAt, body, found.Next);
        return new JsonBytesResult(body);
    }

    public static async Task<Results<Ok<ItemView>, ProblemHttpResult>> Get(
        string id, IItemStore items, IDeliveryStore deliveries, HttpContext context, CancellationToken cancellationToken) =>
        await items.GetAsync(id, cancellationToken) is { } item && Caller.Of(context).SeesItem(item)
            ? TypedResults.Ok(ItemView.Of(item, await deliveries.ListByItemAsync(id, cancellationToken)))
            : ApiResults.NotFound("item", id);

    public static async Task<IResult> Edit(
        string id, ItemRequest request, ItemIntake intake, IItemStore items, IDeliveryStore deliveries, HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        var item = await items.GetAsync(id, cancellationToken);
        if (item is null || !caller.SeesItem(item))
        {
            return ApiResults.NotFound("item", id);
        }

        if (caller.Role == UserRole.Reporter && item.Status is not (ItemStatus.Submitted or ItemStatus.SentBack))
        {
            return ApiResults.Forbidden($"A reporter edits their items only before approval; this one is {Naming.Camel(item.Status)}.");
        }

        if (request.Opd is { Length: > 0 } opd && !caller.Sees(opd))
        {
            return ApiResults.Forbidden($"An OPD admin keeps items in their own OPD, not '{opd}'.");
        }

        var errors = await intake.ValidateAsync(request, caller, cancellationToken);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        var result = await intake.EditAsync(item, request, caller.Id, cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(ItemView.Of(item, await deliveries.ListByItemAsync(id, cancellationToken)))
            : ApiResults.Refused(result);
    }
}
