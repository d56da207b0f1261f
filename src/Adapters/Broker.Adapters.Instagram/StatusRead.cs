namespace Broker.Adapters.Instagram;

/// <summary>A container's status, or the outcome when it could not be read.</summary>
internal sealed record StatusRead(InstagramContainerStatus? Status, PublishOutcome? Failure);
