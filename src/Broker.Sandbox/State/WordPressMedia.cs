namespace Broker.Sandbox.State;

/// <summary>A file in the sandbox site's media library.</summary>
public sealed record WordPressMedia(long Id, string User, string FileName, string MimeType, int Bytes, string SourceUrl, DateTimeOffset CreatedAt);
