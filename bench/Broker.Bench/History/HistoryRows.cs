using System.Globalization;
using Broker.Accounts;
using Broker.Asn;
using Broker.Audit;
using Broker.Bench.Infrastructure;
using Broker.Dispatch;
using Broker.Intake;
using Broker.Sharing;

namespace Broker.Bench.History;

/// <summary>
/// The rows of a year of one city, made from their index alone (no randomness: a re-seed makes the same history): items
/// created evenly over the year before <see cref="Now"/>, each to its OPD's two Pages and one or two of Diskominfo's.
/// </summary>
internal sealed class HistoryRows(HistorySize size, DateTimeOffset now)
{
    private static readonly string[] FirstNames = ["Siti", "Budi", "Agus", "Dewi", "Rina", "Ahmad", "Nur", "Putri", "Hendra", "Wahyu", "Sri", "Dian", "Eko", "Fitri", "Joko", "Lestari", "Rudi", "Yuni", "Bambang", "Ratna"];

    private static readonly string[] LastNames = ["Rahmawati", "Santoso", "Wijaya", "Saputra", "Hidayat", "Kusuma", "Pratama", "Lestari", "Nugroho", "Setiawan", "Sari", "Susanto", "Utami", "Gunawan", "Permata", "Siregar", "Nasution", "Hasibuan", "Wibowo", "Halim", "Daeng", "Mahakam", "Anwar", "Yusuf", "Aminah"];

    private static readonly string[] Actions = ["item.submitted", "item.approved", "delivery.published", "item.shared", "delivery.published", "item.edited"];

    private const long CodeSpace = 839_299_365_868_340_224; // 62^10: every share code

    private const long CodeStep = 1_000_000_007; // prime, so index × step is a different code for every index

    public static readonly TimeSpan Year = TimeSpan.FromDays(365);

    public static readonly TimeSpan ShareWeek = TimeSpan.FromDays(7);

    public DateTimeOffset Now { get; } = now;

    /// <summary>The history ends a day before <see cref="Now"/>; the pending and in-review items are of the last day.</summary>
    public DateTimeOffset Start => Now - Year;

    public static string OpdId(int o) => o == 0 ? SampleNews.Opd : $"opd{o:D2}";

    public static Opd Opd(int o, DateTimeOffset at) => new() { Id = OpdId(o), Name = o == 0 ? SampleNews.OpdName : $"Dinas Contoh {o:D2}", CreatedAt = at };

    /// <summary>Page <paramref name="a"/>: Diskominfo has four (0 to 3), every other OPD two (OPD <c>o</c>: <c>2o + 2</c> and <c>2o + 3</c>).</summary>
    public static Account Page(int a, CredentialProtector protector, DateTimeOffset at) => new()
    {
        Id = $"page{a:D3}",
        Opd = OpdId(a < 4 ? 0 : (a - 2) / 2),
        Platform = "facebook",
        Name = $"Halaman {a}",
        ExternalId = (1_000_000 + a).ToString(CultureInfo.InvariantCulture),
        ProtectedCredentials = protector.Protect(new Dictionary<string, string> { ["accessToken"] = $"page-token-{a}" }),
        Status = AccountStatus.Active,
        CreatedAt = at,
        UpdatedAt = at,
    };

    public static int Pages => (HistorySize.Opds * 2) + 2;

    /// <summary>An 18-digit NIP: birth date, appointment year and month, sex, sequence; unique per index below 200,000.</summary>
    public static string Nip(int i)
    {
        var birth = new DateOnly(1970, 1, 1).AddDays(i % 10_000);
        return string.Create(CultureInfo.InvariantCulture, $"{birth:yyyyMMdd}{2000 + (i / 10_000):D4}{1 + (i % 12):D2}{1 + (i % 2)}{i % 1000:D3}");
    }

    public AsnRecord Asn(int i) => new()
    {
        Id = Nip(i),
        Name = $"{FirstNames[i % FirstNames.Length]} {LastNames[i / FirstNames.Length % LastNames.Length]} {i}",
        Opd = OpdId(i % HistorySize.Opds),
        Phone = string.Create(CultureInfo.InvariantCulture, $"+62812{i:D7}"),
        Active = true,
        CreatedAt = Start,
    };

    public DateTimeOffset CreatedAt(int i) => Start + ((Year - TimeSpan.FromDays(1)) * ((i + 0.5) / Math.Max(size.Items, 1)));

    public static string ItemId(int i) => $"h{i:D31}";

    public bool IsShared(int i) => i % 100 == 0 && i / 100 < size.Shared;

    public DateTimeOffset SharedAt(int i) => CreatedAt(i).AddHours(1);

    /// <summary>A finished item of the history: published about 40 minutes after approval, one in five late for the two-hour rule.</summary>
    public Item Item(int i)
    {
        var created = CreatedAt(i);
        var opd = i % HistorySize.Opds;
        return new Item
        {
            Id = ItemId(i),
            Opd = OpdId(opd),
            SubmittedBy = $"admin-{OpdId(opd)}",
            Title = $"[{i}] {SampleNews.Title}",
            Body = SampleNews.Body,
            Link = SampleNews.Link,
            EventEndedAt = created - TimeSpan.FromHours(i % 5 == 0 ? 3 : 1),
            AccountIds = [.. AccountsOf(i, DeliveriesOf(i)).Select(a => $"page{a:D3}")],
            Status = ItemStatus.Published,
            CreatedAt = created,
            UpdatedAt = created.AddMinutes(40),
            ApprovedAt = created.AddMinutes(10),
            FirstPublishedAt = created.AddMinutes(40),
            SharedAt = IsShared(i) ? SharedAt(i) : null,
            ShareUntil = IsShared(i) ? SharedAt(i) + ShareWeek : null,
        };
    }

    /// <summary>How many of the finished deliveries are item <paramref name="i"/>'s: spread evenly (3 or 4 at full size).</summary>
    public int DeliveriesOf(int i) => Spread(size.Deliveries, size.Items, i);

    public int AuditOf(int i) => Spread(size.Audit, size.Items, i);

    /// <summary>The item's own OPD's two Pages, then two of Diskominfo's four (Diskominfo's own items: its four).</summary>
    public static IEnumerable<int> AccountsOf(int i, int count)
    {
        var opd = i % HistorySize.Opds;
        int[] choice = opd == 0 ? [0, 1, 2, 3] : [(opd * 2) + 2, (opd * 2) + 3, i % 4, (i + 1) % 4];
        return choice.Take(Math.Min(count, choice.Length));
    }

    /// <summary>Item <paramref name="i"/>'s finished deliveries, the first numbered <paramref name="first"/>: published, one in fifty failed, one in a hundred cancelled.</summary>
    public IEnumerable<Delivery> Deliveries(int i, long first)
    {
        var created = CreatedAt(i);
        var n = first;
        foreach (var a in AccountsOf(i, DeliveriesOf(i)))
        {
            var due = created.AddMinutes(40);
            var status = n % 50 == 7 ? DeliveryStatus.Failed : n % 100 == 13 ? DeliveryStatus.Cancelled : DeliveryStatus.Published;
            yield return new Delivery
            {
                Id = $"d{n:D31}",
                ItemId = ItemId(i),
                ItemCreatedAt = created,
                AccountId = $"page{a:D3}",
                Platform = "facebook",
                Status = status,
                ScheduledAt = due,
                DueAt = due,
                Attempts = 1,
                Text = SampleNews.FacebookText(i),
                Link = SampleNews.Link,
                RemotePostId = status == DeliveryStatus.Published ? $"{1_000_000 + a}_{n}" : null,
                Permalink = status == DeliveryStatus.Published ? $"https://www.facebook.com/{1_000_000 + a}/posts/{n}" : null,
                Error = status == DeliveryStatus.Failed ? "(#368) The action attempted has been deemed abusive or is otherwise disallowed" : null,
                FirstAttemptAt = due,
                LastAttemptAt = due,
                PublishedAt = status == DeliveryStatus.Published ? due.AddSeconds(2) : null,
                CreatedAt = created.AddMinutes(10),
                UpdatedAt = due.AddSeconds(2),
            };
            n++;
        }
    }

    public IEnumerable<AuditEntry> AuditEntries(int i, long first)
    {
        var created = CreatedAt(i);
        for (var k = 0; k < AuditOf(i); k++)
        {
            yield return new AuditEntry
            {
                Id = $"a{first + k:D31}",
                At = created.AddMinutes(k * 10),
                Actor = k == 0 ? $"admin-{OpdId(i % HistorySize.Opds)}" : $"editor{i % 5}",
                Action = Actions[k % Actions.Length],
                ObjectType = "item",
                ObjectId = ItemId(i),
                Detail = k == 0 ? SampleNews.Title : null,
            };
        }
    }

    /// <summary>Item <paramref name="j"/> of the last day waiting for review.</summary>
    public Item InReview(int j)
    {
        var created = Now - TimeSpan.FromMinutes(10 * (size.Review - j));
        var opd = 1 + (j % (HistorySize.Opds - 1));
        return new Item
        {
            Id = $"r{j:D31}",
            Opd = OpdId(opd),
            SubmittedBy = $"admin-{OpdId(opd)}",
            Title = $"[r{j}] {SampleNews.Title}",
            Body = SampleNews.Body,
            Link = SampleNews.Link,
            EventEndedAt = created - TimeSpan.FromHours(1),
            AccountIds = [$"page{(opd * 2) + 2:D3}", $"page{(opd * 2) + 3:D3}"],
            Status = ItemStatus.Submitted,
            CreatedAt = created,
            UpdatedAt = created,
        };
    }

    /// <summary>Approved items of the last day whose deliveries are due over the next thirty days: the pending ones.</summary>
    public int PendingItems => size.Pending == 0 ? 0 : Math.Max(1, size.Pending / 3);

    public Item Approved(int j)
    {
        var created = Now - TimeSpan.FromMinutes(PendingItems - j);
        var opd = j % HistorySize.Opds;
        return new Item
        {
            Id = $"p{j:D31}",
            Opd = OpdId(opd),
            SubmittedBy = $"admin-{OpdId(opd)}",
            Title = $"[p{j}] {SampleNews.Title}",
            Body = SampleNews.Body,
            Link = SampleNews.Link,
            AccountIds = [.. AccountsOf(j, Spread(size.Pending, PendingItems, j)).Select(a => $"page{a:D3}")],
            PublishAt = DueOfPending(j),
            Status = ItemStatus.Approved,
            CreatedAt = created,
            UpdatedAt = created,
            ApprovedAt = created,
        };
    }

    public IEnumerable<Delivery> PendingDeliveries(int j)
    {
        var item = Approved(j);
        var k = 0;
        foreach (var account in item.AccountIds)
        {
            yield return new Delivery
            {
                Id = $"q{j:D28}-{k++:D2}",
                ItemId = item.Id,
                ItemCreatedAt = item.CreatedAt,
                AccountId = account,
                Platform = "facebook",
                Status = DeliveryStatus.Scheduled,
                ScheduledAt = item.PublishAt!.Value,
                DueAt = item.PublishAt.Value,
                Text = SampleNews.FacebookText(j),
                Link = SampleNews.Link,
                CreatedAt = item.CreatedAt,
                UpdatedAt = item.CreatedAt,
            };
        }
    }

    private DateTimeOffset DueOfPending(int j) => Now + TimeSpan.FromHours(2) + (TimeSpan.FromDays(30) * ((double)j / PendingItems));

    /// <summary>The links of shared item number <paramref name="s"/> (the <c>s</c>-th shared item): how many, spread evenly.</summary>
    public int LinksOf(int s) => Spread(size.Links, size.Shared, s);

    /// <summary>
    /// Link <paramref name="m"/> of shared item <paramref name="s"/> is an active ASN's: active ASN each share a few items
    /// over the year, a different ASN for each link of an item (101 has no factor in common with the active count).
    /// </summary>
    public ShareLink Link(int s, int m, int index)
    {
        var active = size.ActiveAsn % 101 == 0 ? size.ActiveAsn - 1 : size.ActiveAsn;
        var asn = (int)(((long)s * 7 + ((long)m * 101)) % active);
        var item = s * 100;
        return new ShareLink
        {
            Id = Code(index),
            Key = ShareLink.KeyOf(Nip(asn), ItemId(item)),
            Nip = Nip(asn),
            ItemId = ItemId(item),
            Opd = OpdId(asn % HistorySize.Opds),
            CreatedAt = SharedAt(item).AddMinutes(m),
        };
    }

    /// <summary>A well-formed share code, different for every index.</summary>
    public static string Code(int index)
    {
        const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var n = (long)(((UInt128)(ulong)index * CodeStep) % CodeSpace);
        Span<char> code = stackalloc char[ShareCodes.Length];
        for (var k = code.Length - 1; k >= 0; k--)
        {
            code[k] = Alphabet[(int)(n % 62)];
            n /= 62;
        }

        return new string(code);
    }

    /// <summary>Part <paramref name="i"/> of <paramref name="total"/> spread over <paramref name="parts"/>: the parts add up to the total.</summary>
    public static int Spread(long total, int parts, int i) => parts == 0 ? 0 : (int)((total * (i + 1) / parts) - (total * i / parts));
}
