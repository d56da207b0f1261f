using System.Globalization;
using System.Text;
using Broker.Sandbox.Faults;
using Broker.Sandbox.Pipeline;
using Broker.Sandbox.State;

namespace Broker.Sandbox.WordPress;

/// <summary>WordPress's authentication (Application Passwords over HTTP Basic) and error answers.</summary>
internal sealed class WordPressDialect(SandboxState state) : IPlatformDialect
{
    public string Platform => "wordpress";

    public string? AccountOf(CallContext call) => Basic(call)?.User;

    public SandboxAnswer? Authenticate(CallContext call)
    {
        if (Basic(call) is not { } basic)
        {
            return WordPressErrors.NotLoggedIn();
        }

        var password = basic.Password.Replace(" ", string.Empty, StringComparison.Ordinal);
        var registered = state.WordPressPasswordOf(basic.User);
        if (state.IsRevoked(Platform, password) || (registered is not null && registered != password))
        {
            return WordPressErrors.IncorrectPassword(basic.User);
        }

        call.Caller = new Caller(basic.User, password, registered is null ? "basic-unverified" : "basic-verified");
        return null;
    }

    public SandboxAnswer? CheckLimits(CallContext call) => null;

    public SandboxAnswer FaultAnswer(SandboxFault fault, CallContext call) => fault.Kind switch
    {
        _ when fault.Is(FaultKinds.RateLimit) => WordPressErrors.Error(429, "rest_too_many_requests", fault.Message ?? "Too many requests.")
            .WithHeader("Retry-After", fault.ResetSeconds.ToString(CultureInfo.InvariantCulture)),
        _ when fault.Is(FaultKinds.Http503) => SandboxAnswer.Plain(503, "Service Unavailable"),
        _ when fault.Is(FaultKinds.TokenExpired) => WordPressErrors.IncorrectPassword(AccountOf(call) ?? "admin"),
        _ when fault.Is(FaultKinds.Permanent) => WordPressErrors.InvalidParam("content", fault.Message ?? "Invalid content."),
        _ when fault.Is(FaultKinds.Transient) => WordPressErrors.Error(503, "rest_service_unavailable", fault.Message ?? "Service Unavailable"),
        _ => WordPressErrors.Error(500, "internal_server_error", fault.Message ?? "There has been a critical error on this website."),
    };

    public void Decorate(CallContext call, SandboxAnswer answer)
    {
    }

    private static (string User, string Password)? Basic(CallContext call)
    {
        var header = call.Http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon <= 0 ? null : (text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
