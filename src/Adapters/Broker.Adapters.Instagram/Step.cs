namespace Broker.Adapters.Instagram;

/// <summary>Either the id a step produced or the outcome that ends the attempt.</summary>
internal sealed record Step(string? Id, PublishOutcome? Outcome);
