using Broker.Access;
using Broker.Api;
using Broker.Hosting;
using Broker.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Broker.Intake;

public static class MediaApi
{
    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/media", Upload).WithTags("Media").DisableAntiforgery().RequireAuthorization(Policies.Staff)
            .WithMetadata(new UploadSizeLimit(app.ServiceProvider.GetRequiredService<IOptions<BrokerOptions>>().Value.MaxUploadBytes + MultipartOverhead));
        app.MapGet("/api/media/{id}", Describe).WithTags("Media").RequireAuthorization(Policies.Staff);

        // Public: Instagram and Facebook fetch photos by URL.
        app.MapGet("/media/{id}", Serve).WithTags("Media").AllowAnonymous();
        app.MapGet("/media/{id}.jpg", ServeJpegRendition).WithTags("Media").AllowAnonymous();
        return app;
    }

    /// <summary>Room for the multipart boundaries and headers around the photo's bytes.</summary>
    private const long MultipartOverhead = 64 * 1024;

    /// <param name="JpegUrl">For a PNG: its JPEG rendition, which platforms taking only JPEG (Instagram) are given.</param>
    public sealed record MediaView(string Id, string ContentType, long Bytes, int Width, int Height, Uri Url, Uri? JpegUrl);

    public static async Task<Results<Created<MediaView>, ValidationProblem>> Upload(
        HttpRequest request, PhotoIntake photos, MediaFiles files, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return ApiResults.Invalid("file", "Send the photo as multipart/form-data with one file field (for example: curl -F file=@photo.jpg).");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.Count != 1)
        {
            return ApiResults.Invalid("file", $"Send exactly one photo per request; this request has {form.Files.Count}.");
        }

        var outcome = await photos.StoreAsync(form.Files[0], Actor.Of(request.HttpContext), cancellationToken);
        return outcome.Photo is { } record
            ? TypedResults.Created($"/api/media/{record.Id}", View(record, files))
            : ApiResults.Invalid("file", outcome.Problem!);
    }

    public static async Task<Results<Ok<MediaView>, ProblemHttpResult>> Describe(string id, IMediaStore store, MediaFiles files, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } record ? TypedResults.Ok(View(record, files)) : ApiResults.NotFound("photo", id);

    public static async Task<IResult> Serve(string id, IMediaStore store, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(id, cancellationToken);
        var content = record is null ? null : await store.OpenReadAsync(id, cancellationToken);
        return content is null
            ? TypedResults.NotFound()
            : TypedResults.Stream(content, record!.ContentType, enableRangeProcessing: true);
    }

    /// <summary>The JPEG made from a PNG at upload; Instagram fetches this one.</summary>
    public static async Task<IResult> ServeJpegRendition(string id, IMediaStore store, CancellationToken cancellationToken)
    {
        var content = await store.OpenJpegRenditionAsync(id, cancellationToken);
        return content is null ? TypedResults.NotFound() : TypedResults.Stream(content, "image/jpeg", enableRangeProcessing: true);
    }

    private static MediaView View(MediaRecord record, MediaFiles files)
    {
        var file = files.ToFile(record);
        return new(record.Id, record.ContentType, record.Bytes, record.Width, record.Height, file.PublicUrl, file.JpegRendition?.PublicUrl);
    }
}
