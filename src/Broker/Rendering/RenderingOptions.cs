namespace Broker.Rendering;

/// <summary>Where the Scriban templates are and how much a render may cost (<c>Rendering</c> section).</summary>
public sealed class RenderingOptions
{
    public const string Section = "Rendering";

    /// <summary>The templates folder; relative paths are under the application's folder, where the build copies <c>templates/</c>.</summary>
    public string TemplatesPath { get; set; } = "templates";

    /// <summary>The installation's time zone, for dates in rendered text (Samarinda: Asia/Makassar; Pontianak: Asia/Jakarta).</summary>
    public string TimeZone { get; set; } = "Asia/Makassar";

    public int LoopLimit { get; set; } = 1_000;

    public int RecursiveLimit { get; set; } = 64;

    /// <summary>The longest text one render may produce.</summary>
    public int MaxOutputLength { get; set; } = 100_000;

    /// <summary>The time budget of one render.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);
}
