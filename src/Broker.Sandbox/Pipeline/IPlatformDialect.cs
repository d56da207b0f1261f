using Broker.Sandbox.Faults;

namespace Broker.Sandbox.Pipeline;

/// <summary>What differs between the three platforms inside the shared pipeline.</summary>
internal interface IPlatformDialect
{
    string Platform { get; }

    /// <summary>
    /// The platform's id of the account a call acts for (Page, Instagram user, X user), read without authenticating,
    /// so a fault can be aimed at one account; null when the call does not say.
    /// </summary>
    string? AccountOf(CallContext call);

    /// <summary>The platform's error answer for an injected fault.</summary>
    SandboxAnswer FaultAnswer(SandboxFault fault, CallContext call);

    /// <summary>Returns an error answer when the caller is not authenticated; otherwise sets <see cref="CallContext.Caller"/>.</summary>
    SandboxAnswer? Authenticate(CallContext call);

    /// <summary>Returns a refusal when the caller's limits are exhausted (counts the call otherwise).</summary>
    SandboxAnswer? CheckLimits(CallContext call);

    /// <summary>Adds the usage headers every answer carries.</summary>
    void Decorate(CallContext call, SandboxAnswer answer);
}
