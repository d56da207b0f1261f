namespace Broker.Sandbox.State;

/// <summary>What the sandbox site keeps of a post beside its <see cref="SandboxPost"/>: slug, title, terms and status.</summary>
public sealed record WordPressPostRecord(
    long Id,
    string User,
    string Slug,
    string Title,
    string Content,
    long FeaturedMedia,
    IReadOnlyList<long> Categories,
    IReadOnlyList<long> Tags,
    string Status,
    string Link,
    DateTimeOffset CreatedAt);
