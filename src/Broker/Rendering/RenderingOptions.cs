using System.ComponentModel.DataAnnotations;

namespace Broker.Rendering;

/// <summary>Where the Scriban templates are and how much a render may cost (<c>Rendering</c> section).</summary>
public sealed class RenderingOptions
{
    public const string Section = "Rendering";

    /// <summary>The templates folder; relative paths are under the application's folder, where the build copies <c>templates/</c>.</summary>
    [Required]
    public string TemplatesPath { get; set; } = "templates";

    /// <summary>The installation's time zone, for dates in rendered text (Samarinda: Asia/Makassar; Pontianak: Asia/Jakarta).</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Makassar";

    [Range(1, 100_000)]
    public int LoopLimit { get; set; } = 1_000;

    [Range(1, 1_000)]
    public int RecursiveLimit { get; set; } = 64;

    /// <summary>The longest text one render may produce.</summary>
    [Range(1, 10_000_000)]
    public int MaxOutputLength { get; set; } = 100_000;

    /// <summary>The time budget of one render.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);
}
