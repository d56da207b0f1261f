using Broker.Sandbox.Pipeline;
using Broker.Sandbox.State;
using Microsoft.AspNetCore.WebUtilities;

namespace Broker.Sandbox.OAuth;

/// <summary>
/// The consent pages of www.facebook.com, www.instagram.com and x.com, reduced to what a server-side flow sees: the
/// sandbox user consents at once (or declines, when the control API asked for it) and the browser is redirected back
/// to <c>redirect_uri</c> with <c>code</c> and <c>state</c>. A request the platform cannot trust (no client_id, no
/// absolute redirect_uri, X without a PKCE challenge) gets an error page, never a redirect.
/// </summary>
internal static class AuthorizeDialog
{
    public static IEndpointRouteBuilder MapAuthorizeDialogs(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/facebook/{version}/dialog/oauth", (HttpContext http) => Authorize(http, "facebook"));
        routes.MapGet("/facebook/dialog/oauth", (HttpContext http) => Authorize(http, "facebook"));
        routes.MapGet("/instagram-web/oauth/authorize", (HttpContext http) => Authorize(http, "instagram"));
        routes.MapGet("/x-web/i/oauth2/authorize", (HttpContext http) => Authorize(http, "x"));
        return routes;
    }

    private static IResult Authorize(HttpContext http, string platform)
    {
        http.Items[RecordingKeys.Platform] = platform;
        http.Items[RecordingKeys.Endpoint] = "authorize";
        var query = http.Request.Query;
        var clientId = query["client_id"].ToString();
        var redirect = query["redirect_uri"].ToString();
        var state = query["state"].ToString();
        if (Invalid(platform, query) is { } problem)
        {
            return Results.Text($"Sandbox {platform} login: {problem}", "text/plain; charset=UTF-8", statusCode: 400);
        }

        var services = http.RequestServices;
        var sandbox = services.GetRequiredService<SandboxState>();
        var options = services.GetRequiredService<SandboxOptions>();
        if (sandbox.TakeConsentDenial(platform))
        {
            return Results.Redirect(Back(platform, redirect, Denial(platform, state)));
        }

        var user = platform switch
        {
            "facebook" => options.FacebookLoginUserId,
            "instagram" => options.InstagramLoginUserId,
            _ => options.XDefaultUserId,
        };
        var challenge = platform == "x" ? query["code_challenge"].ToString() : null;
        var method = platform == "x" ? query["code_challenge_method"].ToString() : null;
        var code = sandbox.IssueAuthorizationCode(platform, clientId, redirect, user, challenge, method);
        var answer = new Dictionary<string, string?> { ["code"] = code.Code };
        if (!string.IsNullOrEmpty(state))
        {
            answer["state"] = state;
        }

        return Results.Redirect(Back(platform, redirect, answer));
    }

    private static string? Invalid(string platform, IQueryCollection query)
    {
        if (string.IsNullOrEmpty(query["client_id"]))
        {
            return "client_id is required.";
        }

        if (!Uri.TryCreate(query["redirect_uri"], UriKind.Absolute, out _))
        {
            return "redirect_uri must be an absolute URL registered for the app.";
        }

        if (platform != "facebook" && query["response_type"] != "code")
        {
            return "response_type must be code.";
        }

        if (platform != "facebook" && string.IsNullOrEmpty(query["scope"]))
        {
            return "scope is required.";
        }

        if (platform == "x" && (string.IsNullOrEmpty(query["code_challenge"]) || query["code_challenge_method"].ToString() is not ("S256" or "plain")))
        {
            return "code_challenge and code_challenge_method (S256 or plain) are required.";
        }

        return null;
    }

    /// <summary>What each platform appends when the user declines (Facebook's set is documented; the others follow RFC 6749).</summary>
    private static Dictionary<string, string?> Denial(string platform, string state)
    {
        var answer = platform switch
        {
            "facebook" => new Dictionary<string, string?>
            {
                ["error"] = "access_denied",
                ["error_code"] = "200",
                ["error_description"] = "Permissions error",
                ["error_reason"] = "user_denied",
            },
            "instagram" => new Dictionary<string, string?>
            {
                ["error"] = "access_denied",
                ["error_reason"] = "user_denied",
                ["error_description"] = "The user denied your request.",
            },
            _ => new Dictionary<string, string?> { ["error"] = "access_denied" },
        };
        if (!string.IsNullOrEmpty(state))
        {
            answer["state"] = state;
        }

        return answer;
    }

    /// <summary>The redirect back; Instagram appends <c>#_</c> to it, which browsers keep and never send.</summary>
    private static string Back(string platform, string redirect, Dictionary<string, string?> parameters)
    {
        var url = QueryHelpers.AddQueryString(redirect, parameters);
        return platform == "instagram" ? url + "#_" : url;
    }
}
