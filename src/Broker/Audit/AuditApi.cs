using Broker.Access;
using Broker.Api;
using Broker.Reports;
using Broker.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Audit;

public static class AuditApi
{
    /// <summary>Entries in a page of <c>GET /api/audit</c> unless the caller asks for another size.</summary>
    public const int DefaultPage = 500;

    public const int MaxPage = 5000;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", Query).WithTags("Audit").RequireAuthorization(Policies.Editor);
        app.MapGet("/api/audit/export", Export).WithTags("Audit").RequireAuthorization(Policies.Editor);
        return app;
    }

    /// <summary>
    /// The entries oldest first, a page at a time: when more follow, a <c>Link: &lt;…&amp;after=…&gt;; rel="next"</c>
    /// header carries the next page's address (the answer stays the array it always was).
    /// </summary>
    public static async Task<Results<JsonList<AuditEntry[]>, ValidationProblem>> Query(
        string? objectId, string? actor, DateTimeOffset? from, DateTimeOffset? to, string? after, int? limit, IAuditLog log, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = Check(from, to);
        var size = limit ?? DefaultPage;
        if (size is < 1 or > MaxPage)
        {
            errors.Add("limit", $"limit must be between 1 and {MaxPage}.");
        }

        AuditCursor? cursor = null;
        if (after is not null && !AuditCursor.TryParse(after, out cursor))
        {
            errors.Add("after", "after must be the cursor of a Link header this endpoint sent.");
        }

        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        var page = await log.PageAsync(new AuditQuery(objectId, actor, from, to, size + 1), cursor, newestFirst: false, cancellationToken);
        if (page.Count > size)
        {
            page = [.. page.Take(size)];
            context.Response.Headers.Link = $"<{Next(context.Request, "after", AuditCursor.Of(page[^1]).ToString())}>; rel=\"next\"";
        }

        return ApiResults.List(page.ToArray());
    }

    /// <summary>Every entry the filters select, oldest first, as CSV streamed a page at a time (never read whole).</summary>
    public static IResult Export(string? objectId, string? actor, DateTimeOffset? from, DateTimeOffset? to, IAuditLog log, HttpContext context)
    {
        var errors = Check(from, to);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        var query = new AuditQuery(objectId, actor, from, to, 1000);
        return TypedResults.Stream(
            async body =>
            {
                await using var writer = new StreamWriter(body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: -1, leaveOpen: true);
                await writer.WriteAsync("at,actor,action,objectType,objectId,detail\r\n");
                for (AuditCursor? cursor = null; ;)
                {
                    var page = await log.PageAsync(query, cursor, newestFirst: false, context.RequestAborted);
                    foreach (var e in page)
                    {
                        await writer.WriteAsync(string.Join(',', new object?[] { e.At, e.Actor, e.Action, e.ObjectType, e.ObjectId, e.Detail }.Select(CsvWriter.Field)) + "\r\n");
                    }

                    if (page.Count < query.Limit)
                    {
                        break;
                    }

                    cursor = AuditCursor.Of(page[^1]);
                    await writer.FlushAsync(context.RequestAborted);
                }
            },
            "text/csv; charset=utf-8",
            "audit.csv");
    }

    /// <summary>This request's address with one query value replaced.</summary>
    public static string Next(HttpRequest request, string key, string value)
    {
        var kept = new List<KeyValuePair<string, string?>>();
        foreach (var (name, values) in request.Query.Where(p => p.Key != key))
        {
            kept.AddRange(values.Select(v => KeyValuePair.Create(name, v)));
        }

        kept.Add(KeyValuePair.Create(key, (string?)value));
        return $"{request.PathBase}{request.Path}{QueryString.Create(kept)}";
    }

    private static FieldErrors Check(DateTimeOffset? from, DateTimeOffset? to)
    {
        var errors = new FieldErrors();
        foreach (var (field, at) in new[] { ("from", from), ("to", to) })
        {
            if (at is { } value && !SupportedDates.Contains(value))
            {
                errors.Add(field, SupportedDates.Refusal(field));
            }
        }

        return errors;
    }
}
