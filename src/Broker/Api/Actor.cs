using System.Security.Claims;

namespace Broker.Api;

public static class Actor
{
    /// <summary>Who is making this request, for the audit trail: the signed-in user's id.</summary>
    public static string Of(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A change was made by a request nobody signed in to.");

    /// <summary>The signed-in user, or the broker itself for public endpoints (a platform's OAuth callback).</summary>
    public static string OrSystem(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? Audit.Auditor.System;
}
