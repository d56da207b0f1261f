using Broker.Asn;
using LiteDB;

namespace Broker.Storage.LiteDb;

internal sealed class LiteDbAsnStore : LiteDbCollection<AsnRecord>, IAsnStore
{
    private const string NameKey = "NameKey";

    // The first NameHead characters of the lower-cased name (padded: LiteDB's SUBSTRING throws past a string's end) and
    // the NIP, as one key: the names that share a head form one range of it, in NIP order (the head is fixed width).
    private const int NameHead = 3;

    private static readonly string HeadNip = $"SUBSTRING(RPAD(LOWER($.Name), {NameHead}, ' '), 0, {NameHead}) + $._id";

    private static readonly BsonExpression ByHeadNip = BsonExpression.Create(HeadNip);

    // (OPD, NIP) as one key: an OPD's NIPs in order form one range of it (OPD codes hold no ':', NIPs are digits).
    private const string OpdNip = "$.Opd + ':' + $._id";

    // The same value, but no index matches this expression: checked on each row the range reads, never chosen to drive it.
    private const string OpdChecked = "STRING($.Opd)";

    private static readonly BsonExpression ByOpdNip = BsonExpression.Create(OpdNip);

    private static readonly BsonExpression ById = BsonExpression.Create("$._id");

    public LiteDbAsnStore(BrokerDatabase database)
        : base(database, "asn")
    {
        Index(a => a.Opd);
        Database.Write(() => Collection.EnsureIndex(NameKey, "LOWER($.Name)"));
        Database.Write(() => Collection.EnsureIndex("OpdNip", OpdNip));
        Database.Write(() => Collection.EnsureIndex("HeadNip", HeadNip));
    }

    public Task<IReadOnlyList<AsnRecord>> PageAsync(AsnPageQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AsnRecord>>(query.Opd is { } opd && (query.SearchesNip || string.IsNullOrWhiteSpace(query.Search))
            ? OpdPage(opd, query)
            : DirectoryPage(query));

    // One OPD's page (or NIP search) walks that OPD's range of the (OPD, NIP) index in NIP order from the cursor and stops
    // when the page is full: an OPD admin's view costs its page, not the NIPs of the other OPDs between its own. A name
    // search in one OPD stays on the name index (checked on the OPD): with the name checked on each row of the OPD's
    // range instead, LiteDB read far more (345 ms alone against 2.4 ms without the name, under load).
    private List<AsnRecord> OpdPage(string opd, AsnPageQuery query)
    {
        var (from, to) = query.SearchesNip ? query.NipRange : (string.Empty, new string('9', 18));
        var start = query.After is { } after && string.CompareOrdinal(after, from) >= 0 ? after : from;
        if (string.CompareOrdinal(start, to) > 0)
        {
            return [];
        }

        var filter = LiteDbFilter.Of(OpdNip + " BETWEEN {0} AND {1}", $"{opd}:{start}", $"{opd}:{to}").And(OpdChecked + " = {0}", opd);
        if (query.After is { } past)
        {
            filter = filter.And("$._id != {0}", past);
        }

        return [.. Collection.Query().Where(filter.ToExpression()).OrderBy(ByOpdNip).Limit(query.Limit).ToEnumerable()];
    }

    private List<AsnRecord> DirectoryPage(AsnPageQuery query)
    {
        if (!query.SearchesNip && !string.IsNullOrWhiteSpace(query.Search) && query.NamePrefix.Length >= NameHead)
        {
            return HeadPage(query);
        }

        LiteDbFilter filter;
        if (query.SearchesNip)
        {
            // The NIP range with the cursor folded into its start: one index range that ends where the prefix ends (a
            // second term on _id would be checked on every key to the end of the index).
            var (from, to) = query.NipRange;
            var start = query.After is { } after && string.CompareOrdinal(after, from) >= 0 ? after : from;
            if (string.CompareOrdinal(start, to) > 0)
            {
                return [];
            }

            filter = LiteDbFilter.Of("$._id BETWEEN {0} AND {1}", start, to);
            if (query.After is { } past)
            {
                filter = filter.And("$._id != {0}", past);
            }
        }
        else
        {
            filter = LiteDbFilter.Of("$._id > {0}", query.After is null ? BsonValue.MinValue : new BsonValue(query.After));
        }

        if (query.Opd is { } opd)
        {
            filter = filter.And($"$.{nameof(AsnRecord.Opd)} = {{0}}", opd);
        }

        if (!query.SearchesNip && !string.IsNullOrWhiteSpace(query.Search))
        {
            // The prefix as a literal (a parameter in LIKE breaks LiteDB 5's index choice with a NullReferenceException):
            // this term's text, so the query's, differs per prefix searched.
            var like = Query.StartsWith("LOWER($.Name)", Like(query.NamePrefix)).Source;
            filter = filter.And(like.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));

            // The matches come through the name index, in name order. Sorted by NIP in LiteDB, each match would be copied
            // into its sort's pages and then loaded a second time; read once and sorted here (NIPs are digits, so the
            // ordinal order is LiteDB's), only the page is mapped.
            var mapper = Database.Database.Mapper;
            return [.. Documents.Find(filter.ToExpression()).OrderBy(d => d["_id"].AsString, StringComparer.Ordinal).Take(query.Limit).Select(mapper.ToObject<AsnRecord>)];
        }

        return [.. Collection.Query().Where(filter.ToExpression()).OrderBy(ById).Limit(query.Limit).ToEnumerable()];
    }

    // A name search of NameHead characters or more walks the range of its head in the (head, NIP) index from the cursor, in
    // NIP order, and stops when the page is full: it reads the names that share the search's first three letters up to
    // the page, not every match of the prefix (5,000 of "siti" in 100,000 ASN) to sort them by NIP. A file made before
    // the broker set LiteDB's collation to ordinal compares keys by culture, under which an accented head ("sít") sorts
    // among the plain one's keys: the prefix is checked here on every row read, ordinally on the lower-cased name, as
    // PostgreSQL's range compares it.
    private List<AsnRecord> HeadPage(AsnPageQuery query)
    {
        var prefix = query.NamePrefix;
        var head = prefix[..NameHead];
        var filter = LiteDbFilter.Of(HeadNip + " BETWEEN {0} AND {1}", head + (query.After ?? string.Empty), head + new string('9', 18));
        if (query.After is { } past)
        {
            filter = filter.And("$._id != {0}", past);
        }

        if (query.Opd is { } opd)
        {
            filter = filter.And(OpdChecked + " = {0}", opd);
        }

        var mapper = Database.Database.Mapper;
        return
        [
            .. Documents.Query().Where(filter.ToExpression()).OrderBy(ByHeadNip).ToEnumerable()
                .Where(d => d["Name"].AsString.ToLowerInvariant().StartsWith(prefix, StringComparison.Ordinal))
                .Take(query.Limit)
                .Select(mapper.ToObject<AsnRecord>),
        ];
    }

    // LiteDB's LIKE has no escape: a '%' typed in a search is read as '_' (any one character), a little wider but never less.
    private static string Like(string prefix) => prefix.Replace("%", "_", StringComparison.Ordinal);

    public Task<IReadOnlyList<AsnRecord>> ListAsync(string? opd, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AsnRecord>>((opd is null ? Collection.FindAll() : Collection.Find(a => a.Opd == opd)).OrderBy(a => a.Name, StringComparer.Ordinal).ToList());

    public Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> nips, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyDictionary<string, string>>(
            LiteDbFilter.FindExact(nips, "$._id", filter => Collection.Find(filter), a => a.Id).ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal));
    }

    public Task<bool> TryAddAsync(AsnRecord record, CancellationToken cancellationToken)
    {
        try
        {
            Database.Write(() => Collection.Insert(record));
            return Task.FromResult(true);
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return Task.FromResult(false);
        }
    }

    public Task AddAllAsync(IReadOnlyList<AsnRecord> records, CancellationToken cancellationToken)
    {
        // InsertBulk runs in one transaction of its own: a failure rolls the whole import back.
        try
        {
            Database.Write(() => Collection.InsertBulk(records, batchSize: Math.Max(records.Count, 1)));
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            throw new DuplicateKeyException($"The ASN import was not stored: a NIP is already in the directory or twice in the import ({ex.Message}).", ex);
        }

        return Task.CompletedTask;
    }
}
