namespace Broker.Sharing;

/// <summary>One ASN's personal short link to one item. The code is the id; the NIP never appears in the link.</summary>
public sealed class ShareLink
{
    /// <summary>The short code of <c>/s/{code}</c>.</summary>
    public required string Id { get; set; }

    /// <summary><c>{nip}:{itemId}</c>, unique: the same ASN and item always get the same link.</summary>
    public required string Key { get; set; }

    public required string Nip { get; set; }

    public required string ItemId { get; set; }

    /// <summary>The ASN's OPD when the link was made, so clicks count per OPD.</summary>
    public required string Opd { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static string KeyOf(string nip, string itemId) => $"{nip}:{itemId}";
}
