using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Broker.Adapters.Http;
using Broker.Adapters.X.Errors;
using Microsoft.Extensions.Logging;

namespace Broker.Adapters.X.Publishing;

/// <summary>
/// Uploads a post's photos through the v2 media endpoints: one multipart request for small photos, initialize /
/// append / finalize (then STATUS polling while X processes) for big ones. Each media id is saved in the delivery's
/// progress with its expiry, so a later attempt attaches it instead of uploading again.
/// </summary>
internal sealed class XMediaUploader(XAdapterOptions options, TimeProvider timeProvider, ILogger logger)
{
    private const string Category = "tweet_image";
    private static readonly TimeSpan ReuseMargin = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(24);

    public async Task<(IReadOnlyList<string> MediaIds, PublishOutcome? Failure)> UploadAllAsync(
        XApi api,
        Uri uploadBase,
        PublishRequest request,
        CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        for (var index = 0; index < request.Post.Media.Count; index++)
        {
            var media = request.Post.Media[index];
            var key = $"x.media.{index}.{media.Id}";
            if (XUploadedMedia.Deserialize(request.Progress.Get(key)) is { } earlier
                && earlier.ExpiresAt - ReuseMargin > timeProvider.GetUtcNow())
            {
                XLog.MediaReused(logger, request.DeliveryId, index, earlier.MediaId);
                ids.Add(earlier.MediaId);
                continue;
            }

            var oneShot = media.Length <= options.OneShotUploadMaxBytes;
            var (uploaded, failure) = oneShot
                ? await UploadOneShotAsync(api, uploadBase, media, cancellationToken).ConfigureAwait(false)
                : await UploadChunkedAsync(api, uploadBase, media, cancellationToken).ConfigureAwait(false);
            if (uploaded is null)
            {
                return (ids, failure);
            }

            await request.Progress.SetAsync(key, uploaded.Serialize(), cancellationToken).ConfigureAwait(false);
            XLog.MediaUploaded(logger, request.DeliveryId, index, uploaded.MediaId, oneShot ? "one-shot" : "chunked");
            ids.Add(uploaded.MediaId);
        }

        return (ids, null);
    }

    private async Task<(XUploadedMedia?, PublishOutcome?)> UploadOneShotAsync(XApi api, Uri uploadBase, MediaFile media, CancellationToken cancellationToken)
    {
        byte[] bytes;
        var source = await media.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await source.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            bytes = buffer.ToArray();
        }

        var form = new MultipartFormDataContent
        {
            { FilePart(bytes, media.ContentType), "media", FileName(media) },
            { new StringContent(Category), "media_category" },
            { new StringContent(media.ContentType), "media_type" },
        };
        var result = await api.SendAsync(HttpMethod.Post, XUrls.Combine(uploadBase, "2/media/upload"), form, XCall.Upload, cancellationToken)
            .ConfigureAwait(false);
        return await CompleteAsync(api, uploadBase, result, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(XUploadedMedia?, PublishOutcome?)> UploadChunkedAsync(XApi api, Uri uploadBase, MediaFile media, CancellationToken cancellationToken)
    {
        var init = new JsonObject { ["media_type"] = media.ContentType, ["total_bytes"] = media.Length, ["media_category"] = Category };
        var started = await api.SendAsync(HttpMethod.Post, XUrls.Combine(uploadBase, "2/media/upload/initialize"), Json(init), XCall.Upload, cancellationToken)
            .ConfigureAwait(false);
        if (started.Failure is not null)
        {
            return (null, started.Failure);
        }

        if (started.DataString("id") is not { Length: > 0 } id)
        {
            return (null, new PublishOutcome.Transient("X's upload initialize answer had no media id"));
        }

        var appended = await AppendAllAsync(api, uploadBase, media, id, cancellationToken).ConfigureAwait(false);
        if (appended is not null)
        {
            return (null, appended);
        }

        var finalized = await api.SendAsync(HttpMethod.Post, XUrls.Combine(uploadBase, $"2/media/upload/{UrlSegment.Escape(id)}/finalize"), null, XCall.Upload, cancellationToken)
            .ConfigureAwait(false);
        return await CompleteAsync(api, uploadBase, finalized, cancellationToken, id, started).ConfigureAwait(false);
    }

    private async Task<PublishOutcome?> AppendAllAsync(XApi api, Uri uploadBase, MediaFile media, string id, CancellationToken cancellationToken)
    {
        var source = await media.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var buffer = new byte[options.UploadChunkBytes];
            for (var segment = 0; ; segment++)
            {
                var filled = await source.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (filled == 0 && segment > 0)
                {
                    return null;
                }

                var form = new MultipartFormDataContent
                {
                    { new StringContent(segment.ToString(CultureInfo.InvariantCulture)), "segment_index" },
                    { FilePart(buffer.AsSpan(0, filled).ToArray(), "application/octet-stream"), "media", FileName(media) },
                };
                var result = await api.SendAsync(HttpMethod.Post, XUrls.Combine(uploadBase, $"2/media/upload/{UrlSegment.Escape(id)}/append"), form, XCall.Upload, cancellationToken)
                    .ConfigureAwait(false);
                if (result.Failure is not null)
                {
                    return result.Failure;
                }

                if (filled < buffer.Length)
                {
                    return null;
                }
            }
        }
    }

    /// <summary>Reads the media id and expiry, and waits out X's processing when it reports any.</summary>
    private async Task<(XUploadedMedia?, PublishOutcome?)> CompleteAsync(
        XApi api,
        Uri uploadBase,
        XApiResult result,
        CancellationToken cancellationToken,
        string? knownId = null,
        XApiResult? initialized = null)
    {
        if (result.Failure is not null)
        {
            return (null, result.Failure);
        }

        var id = result.DataString("id") ?? knownId;
        if (string.IsNullOrEmpty(id))
        {
            return (null, new PublishOutcome.Transient("X's upload answer had no media id"));
        }

        var lifetime = Seconds(result.DataString("expires_after_secs") ?? initialized?.DataString("expires_after_secs")) ?? DefaultLifetime;
        var expires = timeProvider.GetUtcNow() + lifetime;
        var processing = result.Data("processing_info");
        for (var check = 0; processing is { } info && check <= options.MaxProcessingChecks; check++)
        {
            var state = info.TryGetProperty("state", out var s) ? s.GetString() : null;
            if (state is "succeeded" or null)
            {
                break;
            }

            if (state is "failed")
            {
                return (null, new PublishOutcome.Transient($"X could not process the uploaded photo (media {id}); it will be uploaded again"));
            }

            if (check == options.MaxProcessingChecks)
            {
                return (null, new PublishOutcome.Transient($"X was still processing media {id} after {check} checks"));
            }

            var wait = info.TryGetProperty("check_after_secs", out var after) && after.TryGetInt32(out var secs) ? Math.Max(secs, 1) : 1;
            await Task.Delay(TimeSpan.FromSeconds(wait), timeProvider, cancellationToken).ConfigureAwait(false);
            var status = await api.SendAsync(
                HttpMethod.Get,
                XUrls.Combine(uploadBase, $"2/media/upload?command=STATUS&media_id={Uri.EscapeDataString(id)}"),
                null,
                XCall.Upload,
                cancellationToken).ConfigureAwait(false);
            if (status.Failure is not null)
            {
                return (null, status.Failure);
            }

            processing = status.Data("processing_info");
        }

        return (new XUploadedMedia(id, expires), null);
    }

    private static ByteArrayContent FilePart(byte[] bytes, string contentType)
    {
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return part;
    }

    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private static string FileName(MediaFile media) => media.ContentType switch
    {
        "image/png" => "photo.png",
        "image/gif" => "photo.gif",
        "image/webp" => "photo.webp",
        _ => "photo.jpg",
    };

    private static TimeSpan? Seconds(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
