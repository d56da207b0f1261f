namespace Broker.Sandbox;

/// <summary>
/// The built-in stand-in for Facebook, Instagram and X (<c>Sandbox</c> section). Off in the base settings, which point at
/// the real platforms; <c>appsettings.Development.json</c> turns it on and points <c>Platforms:*</c> at it, so a fresh
/// checkout run with <c>dotnet run</c> needs nothing set up. Outside Development it needs <c>Platforms:AllowLoopback</c>.
/// </summary>
public sealed class SandboxSettings
{
    public const string Section = "Sandbox";

    public bool Enabled { get; set; }

    /// <summary>Where the sandbox listens; the default platform base URLs point here.</summary>
    public string Url { get; set; } = "http://127.0.0.1:5180";

    /// <summary>Where the sandbox keeps its posts across restarts (relative to the working directory, like the database).</summary>
    public string PostsFile { get; set; } = "data/sandbox-posts.json";
}
