using Broker.Rendering;

namespace Broker.Pages.Reviewing;

/// <summary>One channel's preview with the photo addresses the page shows.</summary>
public sealed record PreviewCard(ChannelPreview Preview, IReadOnlyList<string> Photos);
