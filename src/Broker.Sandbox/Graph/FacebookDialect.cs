using Broker.Sandbox.Faults;
using Broker.Sandbox.Pipeline;
using Broker.Sandbox.State;

namespace Broker.Sandbox.Graph;

internal sealed class FacebookDialect(SandboxState state, SandboxOptions options) : GraphDialect(state, options)
{
    public override string Platform => "facebook";

    protected override string UsageType => "pages";

    protected override SandboxAnswer PlatformFault(SandboxFault fault) => fault.Kind switch
    {
        _ when fault.Is(FaultKinds.Transient) => GraphErrors.Error(2, "An unexpected error has occurred. Please retry your request later.", transient: true, status: 500),
        _ when fault.Is(FaultKinds.RateLimit) => GraphErrors.Error(32, "(#32) Page request limit reached"),
        _ when fault.Is(FaultKinds.Permanent) => GraphErrors.InvalidParameter("(#100) Invalid parameter"),
        _ => GraphErrors.Error(1, "An unknown error occurred", transient: true, status: 500),
    };
}
