using Broker.Sandbox.Faults;
using Broker.Sandbox.Pipeline;
using Broker.Sandbox.State;

namespace Broker.Sandbox.Graph;

internal sealed class InstagramDialect(SandboxState state, SandboxOptions options) : GraphDialect(state, options)
{
    public override string Platform => "instagram";

    protected override string UsageType => "instagram";

    protected override SandboxAnswer PlatformFault(SandboxFault fault) => fault.Kind switch
    {
        _ when fault.Is(FaultKinds.Transient) => GraphErrors.Error(-1, "An unexpected error has occurred. Please retry your request later.", subcode: 2207001, transient: true, userTitle: "Instagram server error"),
        _ when fault.Is(FaultKinds.RateLimit) => InstagramErrors.QuotaReached(),
        _ when fault.Is(FaultKinds.Permanent) => InstagramErrors.ImageTooLarge(),
        _ => GraphErrors.Error(-1, "An unexpected error has occurred. Please retry your request later.", subcode: 2207001, transient: true),
    };
}
