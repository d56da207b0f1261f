using System.Globalization;
using System.Text.Encodings.Web;
using Broker.Sandbox.State;

namespace Broker.Sandbox.Control;

/// <summary>
/// The sandbox's own view of one post, what "Lihat posting" opens while the broker publishes into the sandbox: the
/// platform's permalink would point at facebook.com or x.com, where the post does not exist.
/// </summary>
internal static class PostPage
{
    public static IResult Of(SandboxPost post)
    {
        var e = HtmlEncoder.Default;
        var media = string.Concat(post.MediaIds.Select(id => $"<li>{e.Encode(id)}</li>"));
        var html = string.Create(CultureInfo.InvariantCulture, $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>{e.Encode(post.Platform)} post {e.Encode(post.Id)} (sandbox)</title></head>
            <body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">
            <p><strong>Sandbox</strong> · {e.Encode(post.Platform)} · account {e.Encode(post.AccountId)} · {post.CreatedAt:u}</p>
            <h1 style="font-size:1.2rem">{e.Encode(post.Kind)} {e.Encode(post.Id)}</h1>
            <p style="white-space:pre-wrap">{e.Encode(post.Text ?? "")}</p>
            {(post.Link is { } link ? $"<p>Link: {e.Encode(link)}</p>" : "")}
            {(media.Length > 0 ? $"<p>{post.MediaCount.ToString(CultureInfo.InvariantCulture)} media:</p><ul>{media}</ul>" : "")}
            </body></html>
            """);
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
