using Broker.Adapters.Graph;

namespace Broker.Adapters.Facebook;

/// <summary>The Facebook adapter's settings, bound from <c>Platforms:Facebook</c>.</summary>
public sealed class FacebookOptions : GraphPlatformOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Platforms:Facebook";

    /// <summary>How far before the first attempt reconciliation looks for a post already made (clock skew, slow answers).</summary>
    public TimeSpan ReconcileLookBack { get; set; } = TimeSpan.FromSeconds(120);
}
