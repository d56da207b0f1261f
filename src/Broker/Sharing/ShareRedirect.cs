namespace Broker.Sharing;

/// <summary>
/// <c>GET /s/{code}</c>, the hot path of the whole broker, as a plain request delegate over singletons: no parameter
/// binding, no service scope, no result object or logger per request. A person gets a 302 to the link's target with its
/// UTM parameters and their click is queued; a link-preview robot gets Open Graph tags and is not counted.
/// </summary>
internal sealed class ShareRedirect(LinkResolver resolver, ClickRecorder recorder, VisitorHash visitors, RedirectLimiter limiter, TimeProvider time)
{
    public async Task FollowAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        if (!limiter.TryAcquire(context))
        {
            response.Headers.RetryAfter = "60";
            await WriteAsync(response, StatusCodes.Status429TooManyRequests, RedirectApi.TooManyPage, context.RequestAborted);
            return;
        }

        var link = await resolver.ResolveAsync(context.Request.RouteValues["code"] as string ?? "", context.RequestAborted);
        if (link is null)
        {
            await WriteAsync(response, StatusCodes.Status404NotFound, RedirectApi.NotFoundPage, context.RequestAborted);
            return;
        }

        if (link.IsWithdrawn)
        {
            await WriteAsync(response, StatusCodes.Status410Gone, RedirectApi.WithdrawnPage, context.RequestAborted);
            return;
        }

        if (PreviewRobots.IsRobot(context.Request.Headers.UserAgent))
        {
            await WriteAsync(response, StatusCodes.Status200OK, RedirectApi.OpenGraphPage(link), context.RequestAborted);
            return;
        }

        var channel = ShareChannels.NumberOf(context.Request.Query["via"]);
        await recorder.RecordAsync(new Click(link.Code, link.ItemId, channel, visitors.Of(context), time.GetUtcNow()), context.RequestAborted);
        response.StatusCode = StatusCodes.Status302Found;
        response.Headers.Location = link.Redirects[channel];
    }

    private static Task WriteAsync(HttpResponse response, int status, string page, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";

        // Set here, not by the pipeline's header middleware, which the short-circuited redirect never passes.
        response.Headers.XContentTypeOptions = "nosniff";
        return response.WriteAsync(page, cancellationToken);
    }
}
