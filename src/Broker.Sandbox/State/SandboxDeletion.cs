namespace Broker.Sandbox.State;

/// <summary>A post the platform deleted: one per post actually removed (deleting a post that is gone records nothing).</summary>
public sealed record SandboxDeletion(string Platform, string AccountId, string Id, DateTimeOffset At);
