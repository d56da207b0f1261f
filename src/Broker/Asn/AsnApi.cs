using Broker.Access;
using Broker.Api;
using Broker.Audit;
using Broker.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Asn;

/// <summary>The ASN directory: civil servants who spread the news with their own share links.</summary>
public static class AsnApi
{
    /// <summary>Largest CSV import: about 100,000 rows.</summary>
    public const long MaxImportBytes = 20 * 1024 * 1024;

    /// <summary>Rows in a page of <c>GET /api/asn</c> unless the caller asks for another size.</summary>
    public const int DefaultPage = 500;

    public static IEndpointRouteBuilder MapAsnApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/asn").WithTags("ASN directory");
        group.MapPost("/", Create).RequireAuthorization(Policies.Editor);
        group.MapPost("/import", Import).RequireAuthorization(Policies.Editor).WithMetadata(new UploadSizeLimit(MaxImportBytes));
        group.MapPost("/import/previews", Preview).RequireAuthorization(Policies.Editor).WithMetadata(new UploadSizeLimit(MaxImportBytes));
        group.MapPost("/import/previews/{id}/confirm", Confirm).RequireAuthorization(Policies.Editor);
        group.MapGet("/", List).RequireAuthorization(Policies.Managers);
        group.MapGet("/{nip}", Get).RequireAuthorization(Policies.Managers);
        group.MapPost("/{nip}/deactivate", Deactivate).RequireAuthorization(Policies.Editor);
        return app;
    }

    public sealed record CreateAsnRequest(string? Nip, string? Name, string? Opd, string? Phone, string? Email);

    public sealed record AsnView(string Nip, string Name, string Opd, string? Phone, string? Email, bool Active, DateTimeOffset CreatedAt, DateTimeOffset? DeactivatedAt)
    {
        public static AsnView Of(AsnRecord a) => new(a.Id, a.Name, a.Opd, a.Phone, a.Email, a.Active, a.CreatedAt, a.DeactivatedAt);
    }

    public static async Task<Results<Created<AsnView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateAsnRequest request, AsnImport import, IAsnStore directory, Auditor audit, HttpContext context, CancellationToken cancellationToken)
    {
        var candidate = new AsnImport.Candidate(request.Nip, request.Name, request.Opd, request.Phone, request.Email);
        var reasons = await import.CheckAsync(candidate, cancellationToken);
        if (reasons.Count > 0)
        {
            var errors = new FieldErrors();
            foreach (var problem in reasons)
            {
                errors.Add(problem.Field, problem.Message);
            }

            return ApiResults.Invalid(errors);
        }

        var record = import.ToRecord(candidate);
        if (!await directory.TryAddAsync(record, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already exists", detail: $"NIP {record.Id} is already in the directory.");
        }

        await audit.RecordAsync(Actor.Of(context), "asn.created", "asn", record.Id, record.Name, cancellationToken);
        return TypedResults.Created($"/api/asn/{record.Id}", AsnView.Of(record));
    }

    public static async Task<Results<Ok<AsnImport.Report>, ProblemHttpResult>> Import(HttpRequest request, AsnImport import, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the CSV as the request body with Content-Type: text/csv (header nip,name,opd[,phone,email]).");
        }

        // Read whole (the size is capped by the endpoint's limit): the file is checked before any row is imported.
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        var csv = CsvFile.Read(body.GetBuffer().AsSpan(0, (int)body.Length));
        return csv.Faults.Count > 0
            ? Unreadable(csv.Faults)
            : TypedResults.Ok(await import.ImportAsync(csv.Rows, Actor.Of(request.HttpContext), cancellationToken));
    }

    public sealed record PreviewView(string Id, int Accepted, IReadOnlyList<AsnImport.Refusal> Refused);

    /// <summary>Checks a CSV file and keeps it under a preview id; nothing is imported until the preview is confirmed.</summary>
    public static async Task<IResult> Preview(HttpRequest request, AsnImportPreviews previews, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the CSV as the request body with Content-Type: text/csv (header nip,name,opd[,phone,email]).");
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        var checkedFile = await previews.PreviewAsync(body.ToArray(), Actor.Of(request.HttpContext), cancellationToken);
        return checkedFile.Preview is { } preview
            ? TypedResults.Created($"/api/asn/import/previews/{preview.Id}", new PreviewView(preview.Id, checkedFile.Accepted.Count, checkedFile.Refused))
            : Unreadable(checkedFile.Faults);
    }

    /// <summary>Imports a previewed file, once: a second confirmation (or one racing the first) gets 409.</summary>
    public static async Task<Results<Ok<AsnImport.Report>, ProblemHttpResult>> Confirm(string id, AsnImportPreviews previews, HttpContext context, CancellationToken cancellationToken)
    {
        var confirmed = await previews.ConfirmAsync(id, Actor.Of(context), cancellationToken);
        return confirmed.Outcome switch
        {
            AsnImportPreviews.Confirmation.Imported => TypedResults.Ok(confirmed.Report!),
            AsnImportPreviews.Confirmation.NotFound => ApiResults.NotFound("import preview", id),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not allowed in the current state",
                detail: $"This preview was confirmed already ({confirmed.Preview!.ConfirmedAt:u}); its rows were imported once."),
        };
    }

    /// <summary>A file broken at the encoding or quoting level: nothing is imported, and the lines to fix are listed.</summary>
    private static ProblemHttpResult Unreadable(IReadOnlyList<CsvReader.Fault> faults)
    {
        const int Listed = 100;
        var first = faults[0];
        return TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "The CSV file cannot be read",
            detail: $"Nothing was imported: {faults.Count} line(s) to fix, the first on row {first.Line}: {first.Reason}."
                + (faults.Count > Listed ? $" The first {Listed} are listed." : ""),
            extensions: new Dictionary<string, object?> { ["rows"] = faults.Take(Listed).Select(f => new { row = f.Line, reason = f.Reason }).ToArray() });
    }

    /// <summary>
    /// A page of the directory in NIP order; when more follow, a <c>Link: &lt;…&amp;after=…&gt;; rel="next"</c> header
    /// carries the next page's address (the answer stays the array it always was).
    /// </summary>
    public static async Task<Results<JsonList<AsnView[]>, ValidationProblem>> List(
        string? opd, string? q, string? after, int? limit, IAsnStore directory, HttpContext context, CancellationToken cancellationToken)
    {
        var size = limit ?? DefaultPage;
        if (size is < 1 or > AsnPageQuery.MaxLimit)
        {
            return ApiResults.Invalid("limit", $"limit must be between 1 and {AsnPageQuery.MaxLimit}.");
        }

        var query = new AsnPageQuery(Caller.Of(context).ScopeOpd(opd), string.IsNullOrWhiteSpace(q) ? null : q.Trim(), after, size + 1);
        var page = await directory.PageAsync(query, cancellationToken);
        if (page.Count > size)
        {
            page = [.. page.Take(size)];
            context.Response.Headers.Link = $"<{Audit.AuditApi.Next(context.Request, "after", page[^1].Id)}>; rel=\"next\"";
        }

        return ApiResults.List(page.Select(AsnView.Of).ToArray());
    }

    public static async Task<Results<Ok<AsnView>, ProblemHttpResult>> Get(string nip, IAsnStore directory, HttpContext context, CancellationToken cancellationToken) =>
        await directory.GetAsync(nip, cancellationToken) is { } record && Caller.Of(context).Sees(record.Opd)
            ? TypedResults.Ok(AsnView.Of(record))
            : ApiResults.NotFound("ASN", nip);

    /// <summary>Someone left: their record stays (their past clicks count), their share list and sign-in stop.</summary>
    public static async Task<Results<Ok<AsnView>, ProblemHttpResult>> Deactivate(
        string nip, IAsnStore directory, IUserStore users, Auditor audit, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var record = await directory.GetAsync(nip, cancellationToken);
        if (record is null)
        {
            return ApiResults.NotFound("ASN", nip);
        }

        if (record.Active)
        {
            var now = time.GetUtcNow();
            record.Active = false;
            record.DeactivatedAt = now;
            await directory.UpdateAsync(record, cancellationToken);
            foreach (var user in (await users.ListAsync(cancellationToken)).Where(u => u.AsnNip == nip && u.RevokedAt is null))
            {
                user.RevokedAt = now;
                await users.UpdateAsync(user, cancellationToken);
                await audit.RecordAsync(Actor.Of(context), "user.revoked", "user", user.Id, "ASN deactivated", cancellationToken);
            }

            await audit.RecordAsync(Actor.Of(context), "asn.deactivated", "asn", nip, record.Name, cancellationToken);
        }

        return TypedResults.Ok(AsnView.Of(record));
    }
}
