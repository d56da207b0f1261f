using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Broker.Hosting;
using Broker.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Broker.Access;

public static class AccessExtensions
{
    /// <summary>The policy scheme: a bearer token when the request carries one, else the sign-in cookie (web pages).</summary>
    public const string Scheme = "broker";

    public const string CookieName = "broker.session";

    /// <summary>Rate limiting policy for sign-in endpoints.</summary>
    public const string SignInLimit = "sign-in";

    /// <summary>Users, bearer tokens and sign-in cookies, the role policies, rate limits and request size limits.</summary>
    public static IHostApplicationBuilder AddBrokerAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AccessOptions, AccessOptionsValidator>(AccessOptions.Section);
        builder.Services.AddValidatedOptions<ProxyOptions, ProxyOptionsValidator>(ProxyOptions.Section);
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((o, proxies) => ForwardedHeadersStartup.Configure(o, proxies.Value));
        builder.Services.AddTransient<IStartupFilter, ForwardedHeadersStartup>();
        builder.Services.AddSingleton<FailedTokenLimiter>();
        builder.Services.AddSingleton<UserDirectory>();
        builder.Services.AddSingleton<SessionSignIn>();
        builder.Services.AddSingleton<SignInLinks>();
        builder.Services.AddSingleton<UserAccounts>();
        builder.Services.AddHostedService<SignInCleanup>();
        builder.Services.AddSingleton<Accounts.OpdRenaming>();
        builder.Services.AddHostedService<FirstEditor>();

        builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Bearer token or sign-in cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? BearerTokenHandler.SchemeName
                : context.Request.Cookies.ContainsKey(CookieName) ? CookieAuthenticationDefaults.AuthenticationScheme
                // Nobody signed in: the API answers 401, a page sends the browser to the sign-in page (/masuk).
                : context.Request.Path.StartsWithSegments("/api") ? BearerTokenHandler.SchemeName
                : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.LoginPath = "/masuk";
                o.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = StillValidAsync,
                    OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized, "Not signed in", "Sign in first."),
                    OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden, "Not allowed", "Your role does not allow this request."),
                };
            });
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AccessOptions>>((cookie, access) => cookie.ExpireTimeSpan = access.Value.SessionLifetime);

        builder.Services.AddAuthorization(Policies.Add);
        builder.Services.AddRateLimiter(o =>
        {
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    "This address or user sent too many requests; wait a minute before trying again."));
            };
        });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<AccessOptions>>((o, access) =>
        {
            var limits = access.Value;
            // The share-link redirect (/s/{code}) bypasses this pipeline and applies Access:RedirectsPerMinute itself.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                Window(context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user ? "user:" + user : "address:" + Address(context), limits.RequestsPerMinute));
            o.AddPolicy(SignInLimit, context => Window("sign-in:" + Address(context), limits.SignInsPerMinute));
        });
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<AccessOptions>>((kestrel, access) =>
            kestrel.Limits.MaxRequestBodySize = access.Value.MaxRequestBodyBytes);
        return builder;
    }

    public static WebApplication UseBrokerAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    private static RateLimitPartition<string> Window(string key, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    private static string Address(HttpContext context) => (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();

    /// <summary>
    /// A cookie outlives nothing: a revoked or expired user, or one whose token was rotated since the cookie was made
    /// (its token stamp differs), is signed out at their next request.
    /// </summary>
    private static async Task StillValidAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var users = context.HttpContext.RequestServices.GetRequiredService<IUserStore>();
        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var user = id is null ? null : await users.GetAsync(id, context.HttpContext.RequestAborted);
        if (user is null || user.RevokedAt is not null || user.TokenExpiresAt <= time.GetUtcNow()
            || context.Principal?.FindFirstValue(BrokerClaims.TokenStamp) != Principals.TokenStamp(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>API calls get a status and a problem; pages get sent to the sign-in page.</summary>
    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status, string title, string detail)
    {
        if (context.Request.Path.StartsWithSegments("/api") || status == StatusCodes.Status403Forbidden)
        {
            return Problems.WriteAsync(context.HttpContext, status, title, detail);
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
