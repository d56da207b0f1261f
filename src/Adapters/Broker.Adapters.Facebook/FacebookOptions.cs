using Broker.Adapters.Graph;

namespace Broker.Adapters.Facebook;

/// <summary>The Facebook adapter's settings, bound from <c>Platforms:Facebook</c>.</summary>
public sealed class FacebookOptions : GraphPlatformOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Platforms:Facebook";

    /// <summary>The permissions Facebook Login asks for when <see cref="GraphPlatformOptions.Scopes"/> is empty: the Pages and their linked Instagram accounts.</summary>
    public const string DefaultScopes = "pages_show_list,pages_read_engagement,pages_manage_posts,instagram_basic,instagram_content_publish";

    /// <summary>Starts with Facebook's login host; configuration replaces it (the sandbox's /facebook).</summary>
    public FacebookOptions() => LoginBaseUrl = new Uri("https://www.facebook.com");

    /// <summary>How far before the first attempt reconciliation looks for a post already made (clock skew, slow answers).</summary>
    public TimeSpan ReconcileLookBack { get; set; } = TimeSpan.FromSeconds(120);
}
