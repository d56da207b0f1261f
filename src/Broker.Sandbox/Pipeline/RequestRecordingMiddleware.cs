using System.Text;
using Broker.Sandbox.State;
using Microsoft.AspNetCore.Http.Features;

namespace Broker.Sandbox.Pipeline;

/// <summary>Records every platform request (not the control API) with the status it got.</summary>
internal sealed class RequestRecordingMiddleware(RequestDelegate next, SandboxState state)
{
    private const int MaxRecordedBody = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var platform = PlatformOfPath(context.Request.Path);
        if (platform is null)
        {
            await next(context);
            return;
        }

        var receivedAt = state.Now;
        context.Request.EnableBuffering();
        var multipart = context.Request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true;
        var body = multipart ? string.Empty : await ReadBodyAsync(context.Request);
        var aborted = false;
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            aborted = true;
        }

        if (multipart)
        {
            body = DescribeForm(context);
        }

        aborted |= context.RequestAborted.IsCancellationRequested || context.Items.ContainsKey(RecordingKeys.Dropped);
        state.Record(new RecordedRequest(
            0,
            context.Items[RecordingKeys.Platform] as string ?? platform,
            context.Items[RecordingKeys.Endpoint] as string,
            context.Request.Method,
            context.Request.PathBase + context.Request.Path,
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            context.Request.ContentType,
            body,
            context.Response.StatusCode,
            aborted,
            context.Items[RecordingKeys.Auth] as string,
            context.Items[RecordingKeys.Fault] as string,
            receivedAt));
    }

    private static string? PlatformOfPath(PathString path)
    {
        if (path.StartsWithSegments("/graph") || path.StartsWithSegments("/facebook"))
        {
            return "facebook";
        }

        if (path.StartsWithSegments("/instagram") || path.StartsWithSegments("/instagram-web") || path.StartsWithSegments("/instagram-api"))
        {
            return "instagram";
        }

        if (path.StartsWithSegments("/wordpress"))
        {
            return "wordpress";
        }

        return path.StartsWithSegments("/x") || path.StartsWithSegments("/x-web") ? "x" : null;
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var buffer = new char[MaxRecordedBody];
        var read = await reader.ReadBlockAsync(buffer, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return new string(buffer, 0, read);
    }

    /// <summary>Multipart bodies are summarised: text fields verbatim, files by name and size.</summary>
    private static string DescribeForm(HttpContext context)
    {
        var form = context.Features.Get<IFormFeature>()?.Form;
        if (form is null)
        {
            return $"[{context.Request.ContentType}; {context.Request.ContentLength} bytes]";
        }

        var fields = form.Select(f => $"{f.Key}={f.Value}")
            .Concat(form.Files.Select(f => $"{f.Name}=<file {f.FileName} {f.Length} bytes {f.ContentType}>"));
        return string.Join("&", fields);
    }
}
