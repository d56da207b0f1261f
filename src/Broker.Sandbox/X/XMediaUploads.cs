using System.Globalization;
using System.Text.Json.Nodes;
using Broker.Sandbox.Pipeline;
using Broker.Sandbox.State;

namespace Broker.Sandbox.X;

/// <summary>The v2 media upload endpoints: one-shot, initialize/append/finalize and STATUS.</summary>
internal sealed class XMediaUploads(SandboxState state, SandboxOptions options)
{
    private const long ExpiresAfterSeconds = 86_400;

    public async Task<SandboxAnswer> UploadAsync(CallContext call, IFormFileCollection? files)
    {
        var file = files?.GetFile("media");
        long size;
        if (file is not null)
        {
            size = file.Length;
        }
        else if (call.Parameter("media_data") is { Length: > 0 } base64)
        {
            size = base64.Length * 3L / 4;
        }
        else
        {
            return XProblems.InvalidRequest("The media field is required.", "media");
        }

        var upload = new XMediaUpload(state.NewXId(), call.Caller!.UserId!, call.Parameter("media_type") ?? file?.ContentType, call.Parameter("media_category") ?? "tweet_image", state.Now)
        {
            Size = size,
            Finalized = true,
        };
        upload.ChecksBeforeSucceeded = upload.IsVideo ? options.XVideoProcessingChecks : options.XImageProcessingChecks;
        state.AddXMedia(upload);
        await Task.CompletedTask;
        return SandboxAnswer.Json(new JsonObject { ["data"] = Describe(upload, withSize: true) });
    }

    public SandboxAnswer Initialize(CallContext call)
    {
        var totalBytes = long.TryParse(call.Parameter("total_bytes"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var total) ? total : -1;
        if (totalBytes is <= 0 or > 17_179_869_184)
        {
            return XProblems.InvalidRequest("total_bytes must be between 1 and 17179869184.", "total_bytes");
        }

        if (string.IsNullOrEmpty(call.Parameter("media_type")))
        {
            return XProblems.InvalidRequest("media_type is required.", "media_type");
        }

        var upload = new XMediaUpload(state.NewXId(), call.Caller!.UserId!, call.Parameter("media_type"), call.Parameter("media_category") ?? "tweet_image", state.Now)
        {
            TotalBytes = totalBytes,
        };
        state.AddXMedia(upload);
        return SandboxAnswer.Json(new JsonObject
        {
            ["data"] = new JsonObject { ["id"] = upload.Id, ["media_key"] = upload.MediaKey, ["expires_after_secs"] = ExpiresAfterSeconds },
        });
    }

    public SandboxAnswer Append(CallContext call, string id, IFormFileCollection? files)
    {
        var upload = state.FindXMedia(id);
        if (upload is null || upload.Finalized)
        {
            return XProblems.InvalidRequest($"Media id {id} is unknown or already finalized.", "id");
        }

        if (!int.TryParse(call.Parameter("segment_index"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) || index is < 0 or > 999)
        {
            return XProblems.InvalidRequest("segment_index must be an integer between 0 and 999.", "segment_index");
        }

        var file = files?.GetFile("media");
        var length = file?.Length ?? (call.Parameter("media") is { } inline ? inline.Length : -1);
        if (length < 0)
        {
            return XProblems.InvalidRequest("The media field is required.", "media");
        }

        state.WithLock(() => upload.Segments[index] = length);
        return SandboxAnswer.Json(new JsonObject
        {
            ["data"] = new JsonObject { ["expires_at"] = (upload.CreatedAt + TimeSpan.FromSeconds(ExpiresAfterSeconds)).ToUnixTimeSeconds() },
        });
    }

    public SandboxAnswer Finalize(string id)
    {
        var upload = state.FindXMedia(id);
        if (upload is null || upload.Finalized)
        {
            return XProblems.InvalidRequest($"Media id {id} is unknown or already finalized.", "id");
        }

        var received = state.WithLock(() => upload.Segments.Values.Sum());
        if (upload.TotalBytes is { } total && received != total)
        {
            return XProblems.InvalidRequest(FormattableString.Invariant($"File size mismatch: initialized with {total} bytes, received {received}."), "total_bytes");
        }

        upload.Size = received;
        upload.ChecksBeforeSucceeded = upload.IsVideo ? options.XVideoProcessingChecks : options.XImageProcessingChecks;
        upload.Finalized = true;
        return SandboxAnswer.Json(new JsonObject { ["data"] = Describe(upload, withSize: true) });
    }

    public SandboxAnswer Status(CallContext call)
    {
        var id = call.Parameter("media_id");
        var upload = id is null ? null : state.FindXMedia(id);
        if (upload is null || !upload.Finalized)
        {
            return XProblems.InvalidRequest($"Media id {id} is unknown or not finalized.", "media_id");
        }

        var remaining = state.WithLock(() =>
        {
            var before = upload.ChecksBeforeSucceeded;
            upload.ChecksBeforeSucceeded = Math.Max(0, before - 1);
            return upload.ChecksBeforeSucceeded;
        });
        var data = Describe(upload, withSize: false);
        data["processing_info"] = remaining > 0 ? Processing(remaining, "in_progress") : new JsonObject { ["state"] = "succeeded", ["progress_percent"] = 100 };
        return SandboxAnswer.Json(new JsonObject { ["data"] = data });
    }

    private static JsonObject Describe(XMediaUpload upload, bool withSize)
    {
        var data = new JsonObject { ["id"] = upload.Id, ["media_key"] = upload.MediaKey };
        if (withSize)
        {
            data["size"] = upload.Size;
            data["expires_after_secs"] = ExpiresAfterSeconds;
        }

        if (upload.ChecksBeforeSucceeded > 0)
        {
            data["processing_info"] = Processing(upload.ChecksBeforeSucceeded, "pending");
        }

        return data;
    }

    private static JsonObject Processing(int remaining, string stateName) => new()
    {
        ["state"] = stateName,
        ["check_after_secs"] = 1,
        ["progress_percent"] = Math.Clamp(100 - (remaining * 25), 0, 99),
    };
}
