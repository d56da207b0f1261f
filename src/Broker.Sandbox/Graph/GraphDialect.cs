using System.Globalization;
using System.Text.Json.Nodes;
using Broker.Sandbox.Faults;
using Broker.Sandbox.Pipeline;
using Broker.Sandbox.State;

namespace Broker.Sandbox.Graph;

/// <summary>Authentication, usage headers and fault answers common to Facebook and Instagram.</summary>
internal abstract class GraphDialect(SandboxState state, SandboxOptions options) : IPlatformDialect
{
    private const string RegainKey = "sandbox.regain-minutes";

    public abstract string Platform { get; }

    /// <summary>The BUC <c>type</c> for this platform's objects.</summary>
    protected abstract string UsageType { get; }

    protected SandboxState State { get; } = state;

    public SandboxAnswer? Authenticate(CallContext call)
    {
        if (OAuth.GraphOAuth.TokenEndpoints.Contains(call.Endpoint))
        {
            return null;
        }

        var token = call.Parameter("access_token");
        var auth = "access_token";
        var header = call.Http.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(token) && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = header["Bearer ".Length..].Trim();
            auth = "bearer";
        }

        if (string.IsNullOrEmpty(token))
        {
            return GraphErrors.MissingToken();
        }

        call.Caller = new Caller(null, token, auth);
        if (State.IsRevoked(Platform, token))
        {
            return GraphErrors.TokenInvalidated();
        }

        // Tokens the sandbox issued through OAuth expire; any other token is accepted, as before.
        return State.FindGraphToken(token) is { } issued && issued.IsExpired(State.Now) ? GraphErrors.TokenExpired() : null;
    }

    public SandboxAnswer? CheckLimits(CallContext call) => null;

    public string? AccountOf(CallContext call)
    {
        var id = call.ObjectId;
        return id switch
        {
            null or "me" => null,
            _ when State.FindContainer(id) is { } container => container.UserId,
            _ when State.FindPost(Platform, id) is { } post => post.AccountId,
            _ when State.FindPhoto(id) is { } photo => photo.PageId,
            _ => id.Split('_')[0],
        };
    }

    public SandboxAnswer FaultAnswer(SandboxFault fault, CallContext call)
    {
        var answer = fault.Kind switch
        {
            _ when fault.Is(FaultKinds.Http500) => Override(fault, GraphErrors.Error(1, "An unknown error occurred", transient: true, status: 500)),
            _ when fault.Is(FaultKinds.Http503) => SandboxAnswer.Plain(503, "Service Unavailable"),
            _ when fault.Is(FaultKinds.TokenExpired) => Override(fault, GraphErrors.TokenExpired()),
            _ when fault.Is(FaultKinds.Duplicate) => Override(fault, GraphErrors.Error(506, "(#506) Duplicate status message")),
            _ when fault.Is(FaultKinds.Permission) => Override(fault, GraphErrors.Error(10, "(#10) Application does not have permission for this action", status: 403)),
            _ => Override(fault, PlatformFault(fault)),
        };
        if (fault.Is(FaultKinds.RateLimit))
        {
            call.Http.Items[RegainKey] = fault.Minutes;
        }

        return answer;
    }

    /// <summary>transient, rateLimit, permanent and anything else this platform words its own way.</summary>
    protected abstract SandboxAnswer PlatformFault(SandboxFault fault);

    public void Decorate(CallContext call, SandboxAnswer answer)
    {
        var owner = (call.ObjectId ?? "me").Split('_')[0];
        var percent = Math.Min(100, State.CountPageCall(owner) * 100 / Math.Max(1, options.FacebookCallsPerHour));
        var regain = call.Http.Items[RegainKey] as int? ?? 0;
        if (regain > 0)
        {
            percent = 100;
        }

        var usage = new JsonObject
        {
            [owner] = new JsonArray(new JsonObject
            {
                ["type"] = UsageType,
                ["call_count"] = percent,
                ["total_cputime"] = Math.Max(1, percent / 2),
                ["total_time"] = Math.Max(1, percent / 2),
                ["estimated_time_to_regain_access"] = regain,
            }),
        };
        answer.Headers["X-Business-Use-Case-Usage"] = usage.ToJsonString();
        answer.Headers["X-App-Usage"] = string.Create(
            CultureInfo.InvariantCulture, $"{{\"call_count\":{percent},\"total_cputime\":{percent / 2},\"total_time\":{percent / 2}}}");
        answer.Headers["x-fb-trace-id"] = Guid.NewGuid().ToString("N")[..11];
    }

    private static SandboxAnswer Override(SandboxFault fault, SandboxAnswer answer)
    {
        if (fault.Code is null && fault.Subcode is null && fault.Message is null)
        {
            return answer;
        }

        var error = (JsonObject)answer.Body!["error"]!;
        if (fault.Code is { } code)
        {
            error["code"] = code;
        }

        if (fault.Subcode is { } subcode)
        {
            error["error_subcode"] = subcode;
        }

        if (fault.Message is { } message)
        {
            error["message"] = message;
        }

        return answer;
    }
}
