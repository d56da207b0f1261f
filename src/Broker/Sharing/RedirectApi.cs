using System.Net;
using Broker.Hosting;
using QRCoder;

namespace Broker.Sharing;

/// <summary>
/// The public side of share links: <c>/s/{code}</c> (<see cref="ShareRedirect"/>) answers people with a 302 to the item's
/// recorded target (with UTM parameters) and counts the click off the request path; link-preview robots get Open Graph
/// tags and are not counted. <c>/s/{code}/qr.png</c> is the link's QR code.
/// </summary>
public static class RedirectApi
{
    public static IEndpointRouteBuilder MapShareRedirects(this IEndpointRouteBuilder app)
    {
        // Short-circuited: straight from routing to the handler, past authentication, authorization and the global rate
        // limiter (the handler applies the redirect's own limit). This is the hot path of the whole broker.
        app.MapGet("/s/{code}", new RequestDelegate(app.ServiceProvider.GetRequiredService<ShareRedirect>().FollowAsync))
            .AllowAnonymous().ExcludeFromDescription().ShortCircuit();
        app.MapGet("/s/{code}/qr.png", Qr).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> Qr(string code, LinkResolver resolver, PublicUrls urls, CancellationToken cancellationToken)
    {
        var link = await resolver.ResolveAsync(code, cancellationToken);
        if (link is null || link.IsWithdrawn)
        {
            return link is null
                ? Results.Content(NotFoundPage, "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound)
                : Results.Content(WithdrawnPage, "text/html; charset=utf-8", statusCode: StatusCodes.Status410Gone);
        }

        return Results.File(QrPng(ShareLinks.LinkUrl(urls, link.Code, ShareChannels.Qr)), "image/png");
    }

    public static byte[] QrPng(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }

    internal const string TooManyPage =
        "<!doctype html><html lang=\"id\"><meta charset=\"utf-8\"><title>Terlalu banyak permintaan</title>" +
        "<h1>Terlalu banyak permintaan</h1><p>Coba lagi sebentar lagi.</p></html>";

    internal const string NotFoundPage =
        "<!doctype html><html lang=\"id\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">" +
        "<title>Tautan tidak ditemukan</title><h1>Tautan tidak ditemukan</h1><p>Tautan ini tidak dikenal atau sudah berakhir.</p></html>";

    internal const string WithdrawnPage =
        "<!doctype html><html lang=\"id\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">" +
        "<title>Konten telah ditarik</title><h1>Konten telah ditarik</h1>" +
        "<p>Konten ini telah ditarik oleh penerbitnya dan tidak lagi tersedia. Mohon tidak membagikannya lagi.</p></html>";

    internal static string OpenGraphPage(ResolvedLink link)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var image = link.Image is { } i ? $"<meta property=\"og:image\" content=\"{E(i.ToString())}\">" : "";
        return "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\">" +
            $"<title>{E(link.Title)}</title>" +
            $"<meta property=\"og:type\" content=\"article\"><meta property=\"og:title\" content=\"{E(link.Title)}\">" +
            $"<meta property=\"og:description\" content=\"{E(link.Description)}\">{image}" +
            $"<meta property=\"og:url\" content=\"{E(link.Target.ToString())}\"><meta name=\"twitter:card\" content=\"{(link.Image is null ? "summary" : "summary_large_image")}\">" +
            $"</head><body><a href=\"{E(link.Target.ToString())}\">{E(link.Title)}</a></body></html>";
    }
}
