using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Broker.Sandbox.Engagement;
using Broker.Sandbox.Facebook;
using Broker.Sandbox.Instagram;
using Broker.Sandbox.OAuth;
using Broker.Sandbox.Pipeline;
using Broker.Sandbox.State;

namespace Broker.Sandbox.Graph;

/// <summary>Dispatches /graph/{version}/... (graph.facebook.com) and /instagram[/{version}]/... (graph.instagram.com).</summary>
internal static partial class GraphRouter
{
    public static IEndpointRouteBuilder MapGraphApi(this IEndpointRouteBuilder routes)
    {
        routes.Map("/graph/{**path}", (HttpContext http, string? path) => DispatchAsync(http, path, instagramHost: false));
        routes.Map("/instagram/{**path}", (HttpContext http, string? path) => DispatchAsync(http, path, instagramHost: true));
        routes.MapPost("/instagram-api/oauth/access_token", (HttpContext http) => InstagramCodeExchangeAsync(http));
        return routes;
    }

    private static async Task DispatchAsync(HttpContext http, string? path, bool instagramHost)
    {
        var segments = (path ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (segments.Count > 0 && Version().IsMatch(segments[0]))
        {
            segments.RemoveAt(0);
        }

        var services = http.RequestServices;
        var state = services.GetRequiredService<SandboxState>();
        var pipeline = services.GetRequiredService<PlatformPipeline>();
        var facebook = services.GetRequiredService<FacebookDialect>();
        var instagram = services.GetRequiredService<InstagramDialect>();
        var (parameters, files) = await GraphParameters.ReadAsync(http.Request);
        var method = http.Request.Method;
        var objectId = segments.Count > 0 ? segments[0] : null;
        var edge = segments.Count > 1 ? segments[1] : null;

        CallContext Call(string endpoint) => new(http, endpoint, parameters) { ObjectId = objectId };
        var pages = new FacebookPages(state, services.GetRequiredService<Media.MediaFetcher>(), services.GetRequiredService<SandboxOptions>());
        var publishing = new InstagramPublishing(state, services.GetRequiredService<Media.MediaFetcher>(), services.GetRequiredService<SandboxOptions>());
        var oauth = new GraphOAuth(state, services.GetRequiredService<SandboxOptions>());

        var route = (method, objectId, edge, segments.Count) switch
        {
            ("GET", "oauth", "access_token", 2) when !instagramHost => (facebook, Call("oauth_access_token"), c => Task.FromResult(oauth.FacebookAccessToken(c))),
            ("GET", "me", "accounts", 2) when !instagramHost => (facebook, Call("me_accounts"), c => Task.FromResult(oauth.Pages(c))),
            ("GET", "access_token", null, 1) when instagramHost => (instagram, Call("ig_exchange_token"), c => Task.FromResult(oauth.InstagramExchange(c))),
            ("GET", "refresh_access_token", null, 1) when instagramHost => (instagram, Call("ig_refresh_token"), c => Task.FromResult(oauth.InstagramRefresh(c))),
            ("POST", not null, "feed", 2) when !instagramHost => (facebook, Call("feed"), c => pages.PostFeedAsync(c)),
            ("POST", not null, "photos", 2) when !instagramHost => (facebook, Call("photos"), c => pages.PostPhotoAsync(c, files)),
            ("GET", not null, "feed" or "published_posts" or "posts" or "scheduled_posts", 2) when !instagramHost =>
                (facebook, Call("published_posts"), c => pages.ListPostsAsync(c)),
            ("POST", not null, "media", 2) => (instagram, Call("media"), c => publishing.CreateContainerAsync(c)),
            ("POST", not null, "media_publish", 2) => (instagram, Call("media_publish"), c => Task.FromResult(publishing.Publish(c))),
            ("GET", not null, "media", 2) => (instagram, Call("media_list"), c => publishing.ListMediaAsync(c)),
            ("GET", not null, "insights", 2) => Insights(Call, state, facebook, instagram, objectId, instagramHost),
            ("GET", not null, "content_publishing_limit", 2) => (instagram, Call("content_publishing_limit"), c => publishing.PublishingLimitAsync(c)),
            ("GET", "me", null, 1) => ((IPlatformDialect)(instagramHost ? instagram : facebook), Call("me"), c => Task.FromResult(Me(c, state, instagramHost))),
            ("DELETE", not null, null, 1) => DeleteObject(Call, state, facebook, instagram, objectId, instagramHost),
            ("POST", not null, null, 1) when !instagramHost => EditObject(Call, state, facebook, objectId),
            ("GET", not null, null, 1) => ReadObject(Call, state, publishing, facebook, instagram, objectId, instagramHost),
            _ => ((IPlatformDialect)(instagramHost ? instagram : facebook), Call("unsupported"),
                (Func<CallContext, Task<SandboxAnswer>>)(_ => Task.FromResult(GraphErrors.UnsupportedRequest(method)))),
        };

        await pipeline.RunAsync(route.Item1, route.Item2, route.Item3);
    }

    private static (IPlatformDialect, CallContext, Func<CallContext, Task<SandboxAnswer>>) ReadObject(
        Func<string, CallContext> call, SandboxState state, InstagramPublishing publishing,
        FacebookDialect facebook, InstagramDialect instagram, string id, bool instagramHost)
    {
        if (state.FindContainer(id) is { } container)
        {
            return (instagram, call("container_status"), c => Task.FromResult(publishing.ReadContainer(c, container)));
        }

        if (state.FindPost("instagram", id) is { } media)
        {
            return (instagram, call("ig_media"), c => Task.FromResult(InstagramPublishing.ReadMedia(c, media, state.Now)));
        }

        if (state.FindPost("facebook", id) is { } post)
        {
            return (facebook, call("post"), c => Task.FromResult(FacebookPages.ReadPost(c, post, state.Now)));
        }

        if (state.FindPhoto(id) is { } photo)
        {
            return (facebook, call("photo"), c => Task.FromResult(FacebookPages.ReadPhoto(c, photo)));
        }

        if (state.WasDeleted(id) is { } gone)
        {
            var dialect = gone.Platform == "instagram" ? (IPlatformDialect)instagram : facebook;
            return (dialect, call(gone.Platform == "instagram" ? "ig_media" : "post"), _ => Task.FromResult(GraphErrors.UnknownObject(id)));
        }

        if (id.Contains('_', StringComparison.Ordinal))
        {
            return (facebook, call("post"), _ => Task.FromResult(GraphErrors.UnknownObject(id)));
        }

        return instagramHost
            ? (instagram, call("user"), c => Task.FromResult(InstagramUser(c, id)))
            : (facebook, call("page"), c => Task.FromResult(Page(c, id)));
    }

    /// <summary><c>GET /{post-id}/insights</c> (Facebook) and <c>GET /{ig-media-id}/insights</c> (Instagram).</summary>
    private static (IPlatformDialect, CallContext, Func<CallContext, Task<SandboxAnswer>>) Insights(
        Func<string, CallContext> call, SandboxState state, FacebookDialect facebook, InstagramDialect instagram, string id, bool instagramHost)
    {
        var post = state.FindPost("instagram", id) ?? state.FindPost("facebook", id);
        var dialect = post?.Platform == "facebook" || (post is null && !instagramHost && id.Contains('_', StringComparison.Ordinal)) ? (IPlatformDialect)facebook : instagram;
        return (dialect, call("insights"), c => Task.FromResult(post is null ? GraphErrors.UnknownObject(id) : SandboxEngagement.Insights(c, state, post)));
    }

    /// <summary>
    /// <c>DELETE /{page-post-id}</c> answers <c>{"success": true}</c>; <c>DELETE /{ig-media-id}</c> too when Instagram
    /// deletes are on, else "Unsupported delete request" (100/33). A post that does not exist (deleted already) gets
    /// the same 100/33 "does not exist" error Facebook sends for a second delete.
    /// </summary>
    private static (IPlatformDialect, CallContext, Func<CallContext, Task<SandboxAnswer>>) DeleteObject(
        Func<string, CallContext> call, SandboxState state, FacebookDialect facebook, InstagramDialect instagram, string id, bool instagramHost)
    {
        if (state.FindPost("instagram", id) is { } media)
        {
            return (instagram, call("ig_media_delete"), _ => Task.FromResult(state.InstagramDeletes
                ? Deleted(state, media)
                : GraphErrors.Error(100, "Unsupported delete request.", subcode: 33, type: "GraphMethodException")));
        }

        if (state.FindPost("facebook", id) is { } post)
        {
            return (facebook, call("post_delete"), _ => Task.FromResult(Deleted(state, post)));
        }

        var dialect = instagramHost || !id.Contains('_', StringComparison.Ordinal) ? (IPlatformDialect)instagram : facebook;
        return (dialect, call(dialect == facebook ? "post_delete" : "ig_media_delete"), _ => Task.FromResult(GraphErrors.Error(
            100,
            $"Unsupported delete request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
            subcode: 33,
            type: "GraphMethodException")));
    }

    /// <summary>
    /// <c>POST /{page-post-id}</c> with <c>message</c> replaces a Page post's text and answers <c>{"success": true}</c>;
    /// Instagram media and unknown ids get the "does not exist or does not support this operation" error (100/33).
    /// </summary>
    private static (IPlatformDialect, CallContext, Func<CallContext, Task<SandboxAnswer>>) EditObject(
        Func<string, CallContext> call, SandboxState state, FacebookDialect facebook, string id)
    {
        return (facebook, call("post_edit"), Edit);

        Task<SandboxAnswer> Edit(CallContext c)
        {
            if (state.FindPost("facebook", id) is not { } post)
            {
                return Task.FromResult(GraphErrors.Error(
                    100,
                    $"Unsupported post request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
                    subcode: 33,
                    type: "GraphMethodException"));
            }

            if (c.Parameter("message") is not { } message)
            {
                return Task.FromResult(GraphErrors.Error(100, "(#100) The parameter message is required to edit a post.", type: "GraphMethodException"));
            }

            return Task.FromResult(state.EditPost(post, message)
                ? SandboxAnswer.Json(new JsonObject { ["success"] = true })
                : GraphErrors.UnknownObject(id));
        }
    }

    private static SandboxAnswer Deleted(SandboxState state, SandboxPost post)
    {
        state.DeletePost(post);
        return SandboxAnswer.Json(new JsonObject { ["success"] = true });
    }

    private static SandboxAnswer Page(CallContext call, string pageId)
    {
        var all = new JsonObject
        {
            ["id"] = pageId,
            ["name"] = $"Sandbox Page {pageId}",
            ["instagram_business_account"] = new JsonObject { ["id"] = SandboxIds.InstagramUserOfPage(pageId) },
        };
        return SandboxAnswer.Json(GraphFormat.Select(all, GraphFormat.Fields(call.Parameter("fields"), "id", "name")));
    }

    private static SandboxAnswer InstagramUser(CallContext call, string userId)
    {
        var all = new JsonObject { ["id"] = userId, ["user_id"] = userId, ["username"] = "sandbox_" + userId[^Math.Min(6, userId.Length)..] };
        return SandboxAnswer.Json(GraphFormat.Select(all, GraphFormat.Fields(call.Parameter("fields"), "id")));
    }

    private static SandboxAnswer Me(CallContext call, SandboxState state, bool instagramHost)
    {
        var token = call.Caller!.Token;
        if (instagramHost)
        {
            return InstagramUser(call, state.FindInstagramUser(token) ?? SandboxIds.FromToken("17841", token));
        }

        var user = state.FindGraphToken(token) is { Kind: not GraphToken.Page } issued ? issued.UserId : SandboxIds.FromToken("10", token);
        var all = new JsonObject { ["id"] = user, ["name"] = "Sandbox User" };
        return SandboxAnswer.Json(GraphFormat.Select(all, GraphFormat.Fields(call.Parameter("fields"), "id", "name")));
    }

    /// <summary>api.instagram.com's one endpoint: the code exchange of Instagram Login.</summary>
    private static async Task InstagramCodeExchangeAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var (parameters, _) = await GraphParameters.ReadAsync(http.Request);
        var oauth = new GraphOAuth(services.GetRequiredService<SandboxState>(), services.GetRequiredService<SandboxOptions>());
        await services.GetRequiredService<PlatformPipeline>().RunAsync(
            services.GetRequiredService<InstagramDialect>(),
            new CallContext(http, "ig_oauth_access_token", parameters),
            c => Task.FromResult(oauth.InstagramCodeExchange(c)));
    }

    [GeneratedRegex(@"^v[0-9]+(\.[0-9]+)?\z")]
    private static partial Regex Version();
}
