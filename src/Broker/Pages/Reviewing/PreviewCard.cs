using Broker.Adapters;
using Broker.Rendering;

namespace Broker.Pages.Reviewing;

/// <summary>One channel's preview with the photo addresses the page shows, drawn as the channel's plugin describes it.</summary>
public sealed record PreviewCard(ChannelPreview Preview, IReadOnlyList<string> Photos)
{
    /// <summary>The plugin's description of the channel's posts; a plain social post when no adapter is loaded.</summary>
    public PreviewDescriptor Display => Preview.Display ?? PreviewDescriptor.For(Preview.Platform);

    /// <summary>The photos the channel shows with the post.</summary>
    public IReadOnlyList<string> Shown => [.. Photos.Take(Math.Max(0, Display.PhotosShown))];

    /// <summary>The CSS class of the layout (<c>layout-post</c>, <c>layout-article</c>…).</summary>
    public string LayoutClass => "layout-" + Display.Layout.ToString().ToLowerInvariant();

    /// <summary>The CSS class of the photos' crop (<c>square</c>, <c>wide</c>, <c>original</c>).</summary>
    public string AspectClass => Display.ImageAspect.ToString().ToLowerInvariant();

    /// <summary>The title the channel shows apart (the text's first line), when it shows one.</summary>
    public string? Title => Display.ShowsTitle ? Split().Title : null;

    /// <summary>The text under the title, or the whole text when the channel shows no title.</summary>
    public string? Body => Display.ShowsTitle ? Split().Body : Preview.Text;

    private (string? Title, string? Body) Split()
    {
        var text = Preview.Text;
        if (string.IsNullOrEmpty(text))
        {
            return (null, text);
        }

        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? (text.Trim(), null) : (text[..end].Trim(), text[(end + 1)..].TrimStart('\n'));
    }
}
