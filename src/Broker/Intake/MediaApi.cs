using Broker.Access;
using Broker.Api;
using Broker.Audit;
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
        HttpRequest request,
        IMediaStore store,
        MediaFiles files,
        IOptions<BrokerOptions> options,
        Auditor audit,
        TimeProvider time,
        CancellationToken cancellationToken)
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

        var upload = form.Files[0];
        var limits = options.Value;
        if (upload.Length == 0 || upload.Length > limits.MaxUploadBytes)
        {
            return ApiResults.Invalid("file", $"The photo is {upload.Length} bytes; it must be between 1 and {limits.MaxUploadBytes} bytes.");
        }

        var bytes = new byte[upload.Length];
        await using (var stream = upload.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        var info = ImageInfo.Read(bytes);
        if (info is null)
        {
            return ApiResults.Invalid("file", $"'{upload.FileName}' is not a JPEG or PNG photo (checked from its bytes, not its name).");
        }

        if ((long)info.Width * info.Height > limits.MaxUploadPixels)
        {
            return ApiResults.Invalid("file", $"The photo is {info.Width}×{info.Height} pixels; at most {limits.MaxUploadPixels} pixels are allowed.");
        }

        var rendition = info.ContentType == "image/png" ? JpegRenditions.FromPng(bytes) : null;
        if (info.ContentType == "image/png" && rendition is null)
        {
            return ApiResults.Invalid("file", $"'{upload.FileName}' looks like a PNG but cannot be decoded; save it again or upload a JPEG.");
        }

        var record = new MediaRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            ContentType = info.ContentType,
            Bytes = bytes.Length,
            Width = info.Width,
            Height = info.Height,
            FileName = Path.GetFileName(upload.FileName),
            CreatedAt = time.GetUtcNow(),
            JpegRenditionBytes = rendition?.Length ?? 0,
        };
        if (rendition is not null)
        {
            await store.AddJpegRenditionAsync(record.Id, new MemoryStream(rendition), cancellationToken);
        }

        await store.AddAsync(record, new MemoryStream(bytes), cancellationToken);
        await audit.RecordAsync(Actor.Of(request.HttpContext), "media.uploaded", "media", record.Id, record.FileName, cancellationToken);
        return TypedResults.Created($"/api/media/{record.Id}", View(record, files));
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
