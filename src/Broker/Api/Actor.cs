namespace Broker.Api;

public static class Actor
{
    /// <summary>Who is making this request, for the audit trail.</summary>
    public static string Of(HttpContext context) => context.User.Identity?.Name is { Length: > 0 } name ? name : "anonymous";
}
