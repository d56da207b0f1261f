using Broker.Api;
using Broker.Audit;
using Broker.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Access;

/// <summary>Sign-in with a token for the web pages: the token is checked once and a cookie carries the session.</summary>
public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sessions").WithTags("Sessions");
        group.MapPost("/", SignIn).AllowAnonymous().RequireRateLimiting(AccessExtensions.SignInLimit);
        group.MapDelete("/", (Delegate)SignOut).AllowAnonymous();
        return app;
    }

    public sealed record SignInRequest(string? Token);

    public static async Task<Results<Ok<UsersApi.UserView>, ValidationProblem, ProblemHttpResult>> SignIn(
        SignInRequest request, SessionSignIn signIn, HttpContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Token))
        {
            return ApiResults.Invalid("token", "token is required.");
        }

        var outcome = await signIn.SignInAsync(context, request.Token, cancellationToken);
        return outcome.User is { } user
            ? TypedResults.Ok(UsersApi.UserView.Of(user))
            : TypedResults.Problem(statusCode: outcome.Status, title: "Not signed in", detail: outcome.Reason);
    }

    public static async Task<IResult> SignOut(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }
}
