namespace Broker.Sandbox;

/// <summary>
/// The built-in stand-in for Facebook, Instagram and X (<c>Sandbox</c> section). On by default so a fresh checkout runs
/// with nothing to set up; production turns it off and points <c>Platforms:*:BaseUrl</c> at the real platforms.
/// </summary>
public sealed class SandboxSettings
{
    public const string Section = "Sandbox";

    public bool Enabled { get; set; }

    /// <summary>Where the sandbox listens; the default platform base URLs point here.</summary>
    public string Url { get; set; } = "http://127.0.0.1:5180";
}
