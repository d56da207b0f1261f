using Microsoft.AspNetCore.Mvc.Filters;

namespace Broker.Pages;

/// <summary>
/// Headers on every page: no script may run (the pages have none), photos only from the broker, forms only to the
/// broker, no framing, and no caching of pages that show people's work.
/// </summary>
internal sealed class PageHeaders : IAsyncPageFilter
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        // What antiforgery writes on every page with a form: set to anything else, it overrides it and logs a warning per view.
        headers.CacheControl = "no-cache, no-store";
        headers.Pragma = "no-cache";
        return next();
    }
}
