using System.Text.RegularExpressions;
using Broker.Access;
using Broker.Api;
using Broker.Audit;
using Broker.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Accounts;

public static partial class OpdsApi
{
    public static IEndpointRouteBuilder MapOpdsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/opds").WithTags("OPDs");
        group.MapPost("/", Create).RequireAuthorization(Policies.Editor);
        group.MapGet("/", List).RequireAuthorization(Policies.Staff);
        group.MapGet("/{code}", Get).RequireAuthorization(Policies.Staff);
        group.MapPut("/{code}", Rename).RequireAuthorization(Policies.Editor);
        return app;
    }

    public sealed record CreateOpdRequest(string? Code, string? Name);

    public sealed record OpdView(string Code, string Name, DateTimeOffset CreatedAt, long Version)
    {
        public static OpdView Of(Opd opd) => new(opd.Id, opd.Name, opd.CreatedAt, opd.Version);
    }

    /// <summary>A new name for the OPD, and the version it was read at (compare-and-set).</summary>
    public sealed record RenameOpdRequest(string? Name, long? Version);

    public static async Task<Results<Created<OpdView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateOpdRequest request, IOpdStore opds, Auditor audit, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Text("code", request.Code, 32);
        if (request.Code is { Length: > 0 and <= 32 } code && !CodePattern().IsMatch(code))
        {
            errors.Add("code", MessageCodes.OpdCodeFormat, "code may hold only lower-case letters, digits and '-' (for example 'dinkes' or 'kec-sungai-kunjang').");
        }

        errors.Text("name", request.Name, 200);
        if (errors.Any)
        {
            return ApiResults.Invalid(errors);
        }

        var opd = new Opd { Id = request.Code!, Name = request.Name!.Trim(), CreatedAt = time.GetUtcNow() };
        if (!await opds.TryAddAsync(opd, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already exists", detail: $"An OPD with code '{opd.Id}' already exists.");
        }

        await audit.RecordAsync(Actor.Of(context), "opd.created", "opd", opd.Id, opd.Name, cancellationToken);
        return TypedResults.Created($"/api/opds/{opd.Id}", OpdView.Of(opd));
    }

    public static async Task<Ok<OpdView[]>> List(IOpdStore opds, HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.Of(context);
        return TypedResults.Ok((await opds.ListAsync(cancellationToken)).Where(o => caller.Sees(o.Id)).Select(OpdView.Of).ToArray());
    }

    public static async Task<Results<Ok<OpdView>, ProblemHttpResult>> Get(string code, IOpdStore opds, HttpContext context, CancellationToken cancellationToken) =>
        await opds.GetAsync(code, cancellationToken) is { } opd && Caller.Of(context).Sees(opd.Id) ? TypedResults.Ok(OpdView.Of(opd)) : ApiResults.NotFound("OPD", code);

    /// <summary>Renames an OPD (its code stays); a rename from an older version than the stored one gets 409.</summary>
    public static async Task<Results<Ok<OpdView>, ValidationProblem, ProblemHttpResult>> Rename(
        string code, RenameOpdRequest request, OpdRenaming renaming, HttpContext context, CancellationToken cancellationToken)
    {
        var outcome = await renaming.RenameAsync(code, request.Name, request.Version, Actor.Of(context), cancellationToken);
        return outcome switch
        {
            { Errors: { } errors } => ApiResults.Invalid(errors),
            { Opd: { } renamed } => TypedResults.Ok(OpdView.Of(renamed)),
            { Found: false } => ApiResults.NotFound("OPD", code),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not allowed in the current state",
                detail: "The OPD was changed by someone else meanwhile; read it again and retry."),
        };
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]*\z")]
    private static partial Regex CodePattern();
}
