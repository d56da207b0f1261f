namespace Broker.Sandbox.Faults;

/// <summary>An injected fault and how many requests it still affects.</summary>
public sealed record ActiveFault(long Id, SandboxFault Fault, int Remaining);
