using System.Text.Json.Nodes;
using Broker.Sandbox.Graph;
using Broker.Sandbox.Pipeline;
using Broker.Sandbox.State;

namespace Broker.Sandbox.OAuth;

/// <summary>
/// Facebook Login's and Instagram Login's token endpoints, and the Page listing Facebook Login ends with
/// (platforms.md §1.3 and §2.1).
/// </summary>
internal sealed class GraphOAuth(SandboxState state, SandboxOptions options)
{
    /// <summary>Endpoint names of the calls that authenticate with app credentials or a code, not an access_token.</summary>
    public static readonly IReadOnlySet<string> TokenEndpoints =
        new HashSet<string>(StringComparer.Ordinal) { "oauth_access_token", "ig_oauth_access_token", "ig_exchange_token", "ig_refresh_token" };

    /// <summary>
    /// <c>GET graph.facebook.com/{v}/oauth/access_token</c>: a code (with client_id, client_secret and the same
    /// redirect_uri) becomes a short-lived user token; <c>grant_type=fb_exchange_token</c> makes it long-lived.
    /// </summary>
    public SandboxAnswer FacebookAccessToken(CallContext call)
    {
        foreach (var required in new[] { "client_id", "client_secret" })
        {
            if (string.IsNullOrEmpty(call.Parameter(required)))
            {
                return OAuthErrors.GraphMissing(required);
            }
        }

        if (call.Parameter("grant_type") == "fb_exchange_token")
        {
            var known = state.FindGraphToken(call.Parameter("fb_exchange_token") ?? string.Empty);
            if (known is null || known.Platform != "facebook" || known.Kind == GraphToken.Page || known.IsExpired(state.Now))
            {
                return OAuthErrors.GraphInvalidToken();
            }

            return TokenAnswer(state.IssueGraphToken("facebook", GraphToken.FacebookUserLong, known.UserId, options.FacebookLongTokenLifetime));
        }

        if (Redeem(call, "facebook") is not { } code)
        {
            return string.IsNullOrEmpty(call.Parameter("code")) ? OAuthErrors.GraphMissing("code") : OAuthErrors.GraphCodeUsedOrExpired();
        }

        if (code.ClientId != call.Parameter("client_id"))
        {
            return OAuthErrors.GraphClientMismatch();
        }

        return code.RedirectUri != call.Parameter("redirect_uri")
            ? OAuthErrors.GraphRedirectMismatch()
            : TokenAnswer(state.IssueGraphToken("facebook", GraphToken.FacebookUserShort, code.UserId, options.FacebookShortTokenLifetime));
    }

    /// <summary><c>GET /me/accounts</c>: the Pages the user manages, each with its Page token and linked Instagram account.</summary>
    public SandboxAnswer Pages(CallContext call)
    {
        var token = state.FindGraphToken(call.Caller!.Token);
        if (token?.Kind == GraphToken.Page)
        {
            return GraphErrors.Error(100, "(#100) Tried accessing nonexisting field (accounts) on node type (Page)");
        }

        var user = token?.UserId ?? options.FacebookLoginUserId;
        var fields = GraphFormat.Fields(call.Parameter("fields"), "id", "name", "access_token");
        var data = new JsonArray();
        foreach (var page in options.FacebookLoginPages)
        {
            var all = new JsonObject
            {
                ["id"] = page.Id,
                ["name"] = page.Name,
                ["access_token"] = state.PageToken(user, page.Id),
                ["category"] = "Government organization",
                ["tasks"] = new JsonArray("ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"),
            };
            if (page.InstagramUserId is { } instagram)
            {
                all["instagram_business_account"] = new JsonObject { ["id"] = instagram, ["username"] = page.InstagramUsername };
            }

            data.Add(GraphFormat.Select(all, fields));
        }

        return SandboxAnswer.Json(new JsonObject
        {
            ["data"] = data,
            ["paging"] = new JsonObject { ["cursors"] = new JsonObject { ["before"] = "QVFIUmJl", ["after"] = "QVFIUmFm" } },
        });
    }

    /// <summary><c>POST api.instagram.com/oauth/access_token</c> (form): a code becomes a short-lived Instagram user token.</summary>
    public SandboxAnswer InstagramCodeExchange(CallContext call)
    {
        foreach (var required in new[] { "client_id", "client_secret", "grant_type", "redirect_uri", "code" })
        {
            if (string.IsNullOrEmpty(call.Parameter(required)))
            {
                return OAuthErrors.InstagramApi($"Missing required field {required}");
            }
        }

        if (call.Parameter("grant_type") != "authorization_code")
        {
            return OAuthErrors.InstagramApi("Invalid grant_type");
        }

        var code = Redeem(call, "instagram");
        if (code is null || code.ClientId != call.Parameter("client_id") || code.RedirectUri != call.Parameter("redirect_uri"))
        {
            return OAuthErrors.InstagramApi(code is null ? "Invalid authorization code" : "Error validating verification code: redirect_uri or client_id does not match");
        }

        var issued = state.IssueGraphToken("instagram", GraphToken.InstagramShort, code.UserId, options.InstagramShortTokenLifetime);
        state.RegisterInstagramUser(issued.Token, code.UserId);

        // Business Login wraps the answer in "data" (Basic Display answered it flat); user_id is a number.
        return SandboxAnswer.Json(new JsonObject
        {
            ["data"] = new JsonArray(new JsonObject
            {
                ["access_token"] = issued.Token,
                ["user_id"] = long.Parse(code.UserId, System.Globalization.CultureInfo.InvariantCulture),
                ["permissions"] = "instagram_business_basic,instagram_business_content_publish",
            }),
        });
    }

    /// <summary><c>GET graph.instagram.com/access_token?grant_type=ig_exchange_token</c>: short-lived to long-lived (60 days).</summary>
    public SandboxAnswer InstagramExchange(CallContext call)
    {
        if (call.Parameter("grant_type") != "ig_exchange_token" || string.IsNullOrEmpty(call.Parameter("client_secret")))
        {
            return GraphErrors.Error(100, "(#100) grant_type must be ig_exchange_token and client_secret is required");
        }

        var known = state.FindGraphToken(call.Parameter("access_token") ?? string.Empty);
        if (known is null || known.Kind != GraphToken.InstagramShort)
        {
            return OAuthErrors.GraphInvalidToken();
        }

        return known.IsExpired(state.Now) ? GraphErrors.TokenExpired() : LongLivedInstagram(known.UserId);
    }

    /// <summary>
    /// <c>GET graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token</c>: a long-lived token at least 24
    /// hours old and not expired gets a new 60 days. The old token stays valid until its own expiry (UNCONFIRMED), and the
    /// refusal of a token too young to refresh is worded here, not quoted (UNCONFIRMED).
    /// </summary>
    public SandboxAnswer InstagramRefresh(CallContext call)
    {
        if (call.Parameter("grant_type") != "ig_refresh_token")
        {
            return GraphErrors.Error(100, "(#100) grant_type must be ig_refresh_token");
        }

        var known = state.FindGraphToken(call.Parameter("access_token") ?? string.Empty);
        if (known is null || known.Kind != GraphToken.InstagramLong)
        {
            return OAuthErrors.GraphInvalidToken();
        }

        if (known.IsExpired(state.Now))
        {
            return GraphErrors.TokenExpired();
        }

        return state.Now - known.IssuedAt < options.InstagramRefreshMinimumAge
            ? GraphErrors.Error(100, "(#100) A long-lived token can be refreshed only when it is at least 24 hours old")
            : LongLivedInstagram(known.UserId);
    }

    private SandboxAnswer LongLivedInstagram(string userId)
    {
        var issued = state.IssueGraphToken("instagram", GraphToken.InstagramLong, userId, options.InstagramLongTokenLifetime);
        state.RegisterInstagramUser(issued.Token, userId);
        return TokenAnswer(issued);
    }

    private AuthorizationCode? Redeem(CallContext call, string platform)
    {
        var code = call.Parameter("code");
        var found = string.IsNullOrEmpty(code) ? null : state.TakeAuthorizationCode(platform, code);
        return found is not null && found.ExpiresAt > state.Now ? found : null;
    }

    private SandboxAnswer TokenAnswer(GraphToken token) => SandboxAnswer.Json(new JsonObject
    {
        ["access_token"] = token.Token,
        ["token_type"] = "bearer",
        ["expires_in"] = token.ExpiresAt is { } expires ? (long)(expires - state.Now).TotalSeconds : null,
    });
}
