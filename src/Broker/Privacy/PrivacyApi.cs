using Broker.Access;
using Broker.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Privacy;

/// <summary>An ASN's personal data: export everything held about them, and erase them.</summary>
public static class PrivacyApi
{
    public static IEndpointRouteBuilder MapPrivacyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/asn/{nip}").WithTags("Privacy");
        group.MapGet("/export", Export).RequireAuthorization(Policies.Editor);
        group.MapPost("/erase", Erase).RequireAuthorization(Policies.Editor);
        return app;
    }

    public static async Task<Results<Ok<AsnPrivacy.Export>, ProblemHttpResult>> Export(string nip, AsnPrivacy privacy, HttpContext context, CancellationToken cancellationToken)
    {
        if (await privacy.ExportAsync(nip, cancellationToken) is not { } export)
        {
            return ApiResults.NotFound("ASN", nip);
        }

        context.Response.Headers.ContentDisposition = $"attachment; filename=\"asn-{nip}.json\"";
        return TypedResults.Ok(export);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Erase(string nip, AsnPrivacy privacy, HttpContext context, CancellationToken cancellationToken) =>
        await privacy.EraseAsync(nip, Actor.Of(context), cancellationToken) ? TypedResults.NoContent() : ApiResults.NotFound("ASN", nip);
}
