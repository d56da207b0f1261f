namespace Broker.Privacy;

/// <summary>Personal data under UU PDP 27/2022 (<c>Privacy</c> section).</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>How long a click (with its visitor hash) is kept; older days keep only their counts per link.</summary>
    public TimeSpan ClickRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>How often each node purges what has passed <see cref="ClickRetention"/>.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How many links' clicks of a day one purge transaction takes at most.</summary>
    public int PurgeBatchLinks { get; set; } = 500;
}
