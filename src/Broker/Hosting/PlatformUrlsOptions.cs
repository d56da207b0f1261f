namespace Broker.Hosting;

/// <summary>The safety switch of the platform settings (<c>Platforms</c> section); each adapter reads its own sub-section.</summary>
public sealed class PlatformUrlsOptions
{
    public const string Section = "Platforms";

    /// <summary>
    /// Outside Development, a platform URL on loopback (or the embedded sandbox) stops the start unless this is true:
    /// an install that "publishes" into a sandbox or a local stand-in must say so on purpose.
    /// </summary>
    public bool AllowLoopback { get; set; }
}
