using System.Buffers.Binary;
using System.Text;
using Broker.Sharing;
using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// How clicks are kept: one document per written batch, its clicks packed in one binary field, 35 bytes each (the
/// link's code in ASCII, the channel's number, the visitor hash, the time in UTC ticks), with the batch's first and
/// last time, its distinct items, codes and UTC dates beside them to find it by. One LiteDB document per click cost about ten times as
/// much to write as the whole redirect that made it.
/// </summary>
internal static class ClickRows
{
    public const int Size = ShareCodes.Length + 1 + 16 + 8;

    private const int ChannelAt = ShareCodes.Length;
    private const int VisitorAt = ChannelAt + 1;
    private const int TicksAt = VisitorAt + 16;

    public static BsonDocument Batch(IReadOnlyList<Click> clicks)
    {
        var rows = new byte[clicks.Count * Size];
        var items = new HashSet<string>(StringComparer.Ordinal);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var days = new SortedSet<int>();
        var (from, to) = (DateTimeOffset.MaxValue, DateTimeOffset.MinValue);
        for (var i = 0; i < clicks.Count; i++)
        {
            var click = clicks[i];
            var row = rows.AsSpan(i * Size, Size);
            if (!ShareCodes.IsWellFormed(click.Code) || Encoding.ASCII.GetBytes(click.Code, row[..ChannelAt]) != ShareCodes.Length)
            {
                throw new ArgumentException($"'{click.Code}' is not a share code.", nameof(clicks));
            }

            row[ChannelAt] = checked((byte)click.Channel);
            BinaryPrimitives.WriteUInt128BigEndian(row.Slice(VisitorAt, 16), click.Visitor);
            BinaryPrimitives.WriteInt64LittleEndian(row[TicksAt..], click.At.UtcTicks);
            items.Add(click.ItemId);
            codes.Add(click.Code);
            days.Add(DayOf(click.At));
            (from, to) = (click.At < from ? click.At : from, click.At > to ? click.At : to);
        }

        return new BsonDocument
        {
            ["From"] = from.UtcDateTime,
            ["To"] = to.UtcDateTime,
            ["Items"] = new BsonArray(items.Select(i => new BsonValue(i))),
            ["Codes"] = new BsonArray(codes.Select(c => new BsonValue(c))),
            ["Days"] = new BsonArray(days.Select(d => new BsonValue(d))),
            ["Rows"] = rows,
        };
    }

    /// <summary>The distinct codes of a batch's rows (what <see cref="Batch"/> writes as <c>Codes</c>).</summary>
    public static BsonArray CodesOf(byte[] rows)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        Span<char> code = stackalloc char[ShareCodes.Length];
        for (var i = 0; i < CountOf(rows); i++)
        {
            CodeOf(rows, i, code);
            if (!codes.GetAlternateLookup<ReadOnlySpan<char>>().Contains(code))
            {
                codes.Add(new string(code));
            }
        }

        return new BsonArray(codes.Select(c => new BsonValue(c)));
    }

    /// <summary>The UTC date of a click's time, as its day number: a batch's <c>Days</c> (see <see cref="DaysOf"/>).</summary>
    public static int DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime).DayNumber;

    /// <summary>The distinct UTC dates of a batch's rows (what <see cref="Batch"/> writes as <c>Days</c>).</summary>
    public static BsonArray DaysOf(byte[] rows) =>
        new(Enumerable.Range(0, CountOf(rows)).Select(i => DayOf(AtOf(rows, i))).Distinct().Order().Select(d => new BsonValue(d)));

    /// <summary>The rows of a batch document.</summary>
    public static byte[] RowsOf(BsonDocument batch) => batch["Rows"].AsBinary;

    public static int CountOf(byte[] rows) => rows.Length / Size;

    /// <summary>The code of row <paramref name="index"/>, written into <paramref name="code"/> (10 characters).</summary>
    public static void CodeOf(byte[] rows, int index, Span<char> code) => Encoding.ASCII.GetChars(rows.AsSpan(index * Size, ChannelAt), code);

    public static string ChannelOf(byte[] rows, int index) => rows[(index * Size) + ChannelAt] is var n && n < ShareChannels.All.Count ? ShareChannels.All[n] : ShareChannels.Link;

    /// <summary>The channel's number of row <paramref name="index"/>; 0 (a plain link) for a number the broker does not know.</summary>
    public static int ChannelNumberOf(byte[] rows, int index) => rows[(index * Size) + ChannelAt] is var n && n < ShareChannels.All.Count ? n : 0;

    /// <summary>The batch with only the rows at <paramref name="kept"/> (in order), its first and last time made again.</summary>
    public static BsonDocument Keep(BsonDocument batch, IReadOnlyList<int> kept)
    {
        var rows = RowsOf(batch);
        var left = new byte[kept.Count * Size];
        var (from, to) = (DateTimeOffset.MaxValue, DateTimeOffset.MinValue);
        for (var i = 0; i < kept.Count; i++)
        {
            rows.AsSpan(kept[i] * Size, Size).CopyTo(left.AsSpan(i * Size));
            var at = AtOf(rows, kept[i]);
            (from, to) = (at < from ? at : from, at > to ? at : to);
        }

        // Items, Codes and Days stay as they were: a batch found for an item, link or date it no longer holds yields nothing of it.
        batch["Rows"] = left;
        batch["From"] = from.UtcDateTime;
        batch["To"] = to.UtcDateTime;
        return batch;
    }

    public static UInt128 VisitorOf(byte[] rows, int index) => BinaryPrimitives.ReadUInt128BigEndian(rows.AsSpan((index * Size) + VisitorAt, 16));

    public static DateTimeOffset AtOf(byte[] rows, int index) => new(BinaryPrimitives.ReadInt64LittleEndian(rows.AsSpan((index * Size) + TicksAt, 8)), TimeSpan.Zero);
}
