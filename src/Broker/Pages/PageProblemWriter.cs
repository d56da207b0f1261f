using System.Globalization;
using System.Text.Encodings.Web;

namespace Broker.Pages;

/// <summary>
/// Shows a refusal or a missing page to a browser as a short page in the person's language; API callers and clients that
/// do not ask for HTML keep getting RFC 9457 JSON from the default writer.
/// </summary>
internal sealed class PageProblemWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context)
    {
        var request = context.HttpContext.Request;
        return !PagesExtensions.IsApi(request)
            && request.GetTypedHeaders().Accept.Any(t => t.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        // A refusal may name its own page text (a Text resource), more telling than the status's generic one.
        var named = context.ProblemDetails.Extensions.TryGetValue("page", out var page) && page is string key
            ? Text.ResourceManager.GetString(key, CultureInfo.CurrentUICulture)
            : null;
        var message = named ?? status switch
        {
            StatusCodes.Status403Forbidden => Text.Problem_Forbidden,
            StatusCodes.Status404NotFound => Text.Problem_NotFound,
            StatusCodes.Status400BadRequest => Text.Problem_BadRequest,
            StatusCodes.Status429TooManyRequests => Text.Problem_TooMany,
            _ => Text.Problem_Other,
        };
        var encode = HtmlEncoder.Default;
        var html = string.Create(CultureInfo.InvariantCulture,
            $"<!doctype html><html lang=\"{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{status}</title></head><body style=\"font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem\"><h1>{status}</h1><p>{encode.Encode(message)}</p><p><a href=\"/\">{encode.Encode(Text.Problem_Home)}</a></p></body></html>");
        context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
        context.HttpContext.Response.Headers.ContentSecurityPolicy = PageHeaders.ContentSecurityPolicy;
        return new ValueTask(context.HttpContext.Response.WriteAsync(html, context.HttpContext.RequestAborted));
    }
}
