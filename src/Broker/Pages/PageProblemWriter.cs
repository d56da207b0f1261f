using System.Globalization;
using System.Text.Encodings.Web;
using Broker.Api;

namespace Broker.Pages;

/// <summary>
/// Shows a refusal or a missing page to a browser as a short page in the person's language, worded by the problem's
/// code (<see cref="ProblemCodes"/>); API callers and clients that do not ask for HTML keep getting RFC 9457 JSON from
/// the default writer.
/// </summary>
internal sealed class PageProblemWriter : IProblemDetailsWriter
{
    private const string Style =
        "body{margin:0;font:16px/1.45 system-ui,sans-serif;color:#1c2430;background:#f4f6f8}header{background:#123;padding:.5rem 1rem}"
        + "header a{color:#fff;font-weight:700;text-decoration:none}main{max-width:40rem;margin:0 auto;padding:1rem}"
        + ".card{background:#fff;border:1px solid #d8dee4;border-radius:8px;padding:.8rem 1rem}h1{font-size:1.4rem}"
        + ".button{display:inline-block;padding:.45rem .9rem;border-radius:6px;background:#0b5cad;color:#fff;text-decoration:none}"
        + ".muted{color:#5d6b7a;font-size:.88rem}";

    public bool CanWrite(ProblemDetailsContext context)
    {
        var request = context.HttpContext.Request;
        return !PagesExtensions.IsApi(request)
            && request.GetTypedHeaders().Accept.Any(t => t.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        var message = Message(context.ProblemDetails, status);
        var encode = HtmlEncoder.Default;

        // A refusal made before the person's language is read (authorization runs first) is in the default, Indonesian.
        var lang = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "id";
        var html = string.Create(CultureInfo.InvariantCulture,
            $"<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{status} · Broker</title><style>{Style}</style></head><body><header><a href=\"/\">Broker</a></header><main><h1>{encode.Encode(Title(status))}</h1><div class=\"card\"><p>{encode.Encode(message)}</p><p><a class=\"button\" href=\"/\">{encode.Encode(Text.Problem_Home)}</a></p></div><p class=\"muted\">{status}</p></main></body></html>");
        context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
        context.HttpContext.Response.Headers.ContentSecurityPolicy = PageHeaders.ContentSecurityPolicy;
        return new ValueTask(context.HttpContext.Response.WriteAsync(html, context.HttpContext.RequestAborted));
    }

    /// <summary>The page text the refusal names (a <c>Text</c> resource), else its code's, else its status's.</summary>
    private static string Message(Microsoft.AspNetCore.Mvc.ProblemDetails problem, int status)
    {
        var named = problem.Extensions.TryGetValue("page", out var page) && page is string key
            ? Text.ResourceManager.GetString(key, CultureInfo.CurrentUICulture)
            : null;
        return named ?? ProblemText.Of(ProblemCodes.For(problem)) ?? status switch
        {
            StatusCodes.Status403Forbidden => Text.Problem_Forbidden,
            StatusCodes.Status404NotFound => Text.Problem_NotFound,
            StatusCodes.Status400BadRequest => Text.Problem_BadRequest,
            StatusCodes.Status429TooManyRequests => Text.Problem_TooMany,
            _ => Text.Problem_Other,
        };
    }

    private static string Title(int status) => status switch
    {
        StatusCodes.Status403Forbidden => Text.Problem_TitleForbidden,
        StatusCodes.Status404NotFound => Text.Problem_TitleNotFound,
        _ => Text.Problem_TitleOther,
    };
}
