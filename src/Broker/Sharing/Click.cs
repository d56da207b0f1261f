using LiteDB;

namespace Broker.Sharing;

/// <summary>A person's click on a share link. The visitor is a salted hash (for unique counts), never an address.</summary>
public sealed class Click
{
    public ObjectId? Id { get; set; }

    public required string Code { get; set; }

    public required string Nip { get; set; }

    public required string ItemId { get; set; }

    public required string Opd { get; set; }

    /// <summary>whatsapp, facebook, x, telegram, qr, or link when the channel is not known.</summary>
    public required string Channel { get; set; }

    public required string Visitor { get; set; }

    public DateTimeOffset At { get; set; }
}
