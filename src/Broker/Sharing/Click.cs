namespace Broker.Sharing;

/// <summary>
/// A person's click on a share link, as the redirect queues it for writing. The visitor is a salted hash (for unique
/// counts), never an address. Whose link it was (ASN, OPD) is the link's, read back with it.
/// </summary>
/// <param name="Code">The link's short code.</param>
/// <param name="ItemId">The link's item, so the clicks of an item are found without reading every click.</param>
/// <param name="Channel">The channel's number in <see cref="ShareChannels.All"/>.</param>
public sealed record Click(string Code, string ItemId, int Channel, UInt128 Visitor, DateTimeOffset At);
