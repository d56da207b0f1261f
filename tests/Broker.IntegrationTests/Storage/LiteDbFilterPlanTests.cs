using Broker.Storage;
using Broker.Storage.LiteDb;
using LiteDB;

namespace Broker.IntegrationTests.Storage;

/// <summary>
/// The lists' filters with their values as parameters, on a real LiteDB file with the stores' own indexes: LiteDB's
/// planner takes the same index, in the same mode over the same keys, as for the same filter written with literals, and
/// finds the same rows; and the filter's text is the same whatever its values, so LiteDB compiles it once.
/// </summary>
public sealed class LiteDbFilterPlanTests : IDisposable
{
    private static readonly DateTime At = new(2026, 11, 24, 1, 0, 0, DateTimeKind.Utc);

    private readonly ScratchDatabase file = new("broker-filter-plan-");
    private readonly BrokerDatabase database;

    public LiteDbFilterPlanTests()
    {
        database = file.Open();
        _ = new LiteDbItemStore(database);
        _ = new LiteDbDeliveryStore(database);
        _ = new LiteDbAuditLog(database);
        _ = new LiteDbAsnStore(database);
        database.Write(() =>
        {
            var items = database.Database.GetCollection("items");
            var deliveries = database.Database.GetCollection("deliveries");
            var audit = database.Database.GetCollection("audit");
            var asn = database.Database.GetCollection("asn");
            for (var i = 0; i < 300; i++)
            {
                var time = At.AddMinutes(i % 40);
                var status = i % 3 == 0 ? "Submitted" : "Published";
                items.Insert(new BsonDocument { ["_id"] = $"i{i:000}", ["CreatedAt"] = time, ["Status"] = status, ["Opd"] = $"opd{i % 4}" });
                var delivery = new BsonDocument { ["_id"] = $"d{i:000}", ["DueAt"] = time, ["Status"] = i % 5 == 0 ? "Failed" : status, ["AccountId"] = $"a{i % 6}" };
                if (i % 5 == 0)
                {
                    delivery["ProblemDue"] = time; // as the mapper keys a failed delivery (IndexKeys)
                }

                deliveries.Insert(delivery);
                audit.Insert(new BsonDocument { ["_id"] = $"e{i:000}", ["At"] = time, ["ObjectId"] = $"i{i % 30:000}", ["Actor"] = "editor" });
                asn.Insert(new BsonDocument { ["_id"] = $"{199000000000000000L + i}", ["Opd"] = $"opd{i % 4}", ["Name"] = i % 7 == 0 ? "Siti Aminah" : "Budi" });
            }
        });
    }

    public static TheoryData<string> Shapes => [.. Cases.Keys];

    private static readonly Dictionary<string, (string Collection, Func<DateTime, BsonExpression> Literal, Func<DateTime, LiteDbFilter> Parameters)> Cases = new()
    {
        // A keyset page's rows at the cursor's time, of one status (the review queue).
        ["items at a time, of a status"] = ("items",
            t => Query.And(Query.EQ("CreatedAt", t), Query.EQ("Status", "Submitted")),
            t => LiteDbFilter.Of("CreatedAt = {0}", t).And("$.Status = {0}", "Submitted")),

        // The rest of the page past the cursor, of the status that piles up (checked on each row, never through its index).
        ["items past a time, published"] = ("items",
            t => Query.And(Query.LT("CreatedAt", t), BsonExpression.Create("STRING($.Status) = 'Published'")),
            t => LiteDbFilter.Of("CreatedAt < {0}", t).And("STRING($.Status) = {0}", "Published")),

        // A period read as one index range from the cursor on (the records export, the calendar).
        ["items in a period past a cursor"] = ("items",
            t => Query.And(Query.Between("CreatedAt", t, t.AddMinutes(30)), Query.LT("CreatedAt", t.AddMinutes(30)), Query.GT("CreatedAt", t)),
            t => LiteDbFilter.Of("CreatedAt BETWEEN {0} AND {1}", t, t.AddMinutes(30)).And("CreatedAt < {0}", t.AddMinutes(30)).And("CreatedAt > {0}", t)),

        ["items of an OPD"] = ("items",
            _ => Query.And(Query.EQ("Status", "Submitted"), Query.EQ("Opd", "opd1")),
            _ => LiteDbFilter.Of("$.Status = {0}", "Submitted").And("$.Opd = {0}", "opd1")),

        ["titles by ids"] = ("items",
            _ => Query.In("_id", Values("i001", "i002", "i299")),
            _ => LiteDbFilter.Of("$._id IN {0}", Values("i001", "i002", "i299"))),

        // Deliveries of rare statuses through the status index, of some accounts.
        ["deliveries of statuses and accounts"] = ("deliveries",
            _ => Query.And(Query.In("Status", Values("Failed", "Submitted")), Query.In("AccountId", Values("a1"))),
            _ => LiteDbFilter.Of("$.Status IN {0}", Values("Failed", "Submitted")).And("$.AccountId IN {0}", Values("a1"))),

        // Published deliveries walked by due time from a bound.
        ["deliveries published from a time"] = ("deliveries",
            t => Query.And(Query.GTE("DueAt", t), BsonExpression.Create("STRING($.Status) IN [\"Published\"]")),
            t => LiteDbFilter.Of("$.DueAt >= {0}", t).And("STRING($.Status) IN {0}", Values("Published"))),

        // Failed and held deliveries through their own index, by due time.
        ["problem deliveries in a period"] = ("deliveries",
            t => Query.And(Query.Between("ProblemDue", t, t.AddMinutes(20)), Query.LT("ProblemDue", t.AddMinutes(20))),
            t => LiteDbFilter.Of("ProblemDue BETWEEN {0} AND {1}", t, t.AddMinutes(20)).And("ProblemDue < {0}", t.AddMinutes(20))),

        // The audit trail: the period as one range, then an object and an actor.
        ["audit in a period of an object"] = ("audit",
            t => Query.And(Query.Between("At", t, BsonValue.MaxValue), Query.EQ("ObjectId", "i003"), Query.EQ("Actor", "editor")),
            t => LiteDbFilter.Of("$.At BETWEEN {0} AND {1}", t, BsonValue.MaxValue).And("$.ObjectId = {0}", "i003").And("$.Actor = {0}", "editor")),

        ["audit in a period"] = ("audit",
            t => Query.And(Query.Between("At", t, t.AddMinutes(10)), Query.LT("At", t.AddMinutes(10))),
            t => LiteDbFilter.Of("$.At BETWEEN {0} AND {1}", t, t.AddMinutes(10)).And("$.At < {0}", t.AddMinutes(10))),

        // The ASN directory: from a cursor, one OPD's range of the (OPD, NIP) index, a name prefix (a literal).
        ["asn past a cursor"] = ("asn",
            _ => Query.And(Query.GT("_id", "199000000000000010"), Query.EQ("Opd", "opd2")),
            _ => LiteDbFilter.Of("$._id > {0}", "199000000000000010").And("$.Opd = {0}", "opd2")),

        ["asn of an OPD past a cursor"] = ("asn",
            _ => Query.And(Query.Between("$.Opd + ':' + $._id", "opd1:199000000000000010", "opd1:999999999999999999"), Query.EQ("STRING($.Opd)", "opd1"), Query.Not("_id", "199000000000000010")),
            _ => LiteDbFilter.Of("$.Opd + ':' + $._id BETWEEN {0} AND {1}", "opd1:199000000000000010", "opd1:999999999999999999").And("STRING($.Opd) = {0}", "opd1").And("$._id != {0}", "199000000000000010")),

        ["asn by a name prefix"] = ("asn",
            _ => Query.And(Query.GT("_id", BsonValue.MinValue), Query.StartsWith("LOWER($.Name)", "siti")),
            _ => LiteDbFilter.Of("$._id > {0}", BsonValue.MinValue).And(Query.StartsWith("LOWER($.Name)", "siti").Source)),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_filter_with_parameters_takes_the_index_its_literal_form_takes_and_finds_the_same_rows(string shape)
    {
        var (name, literal, parameters) = Cases[shape];
        var collection = database.Database.GetCollection(name);

        var withLiterals = collection.Query().Where(literal(At.AddMinutes(5))).GetPlan();
        var withParameters = collection.Query().Where(parameters(At.AddMinutes(5)).ToExpression()).GetPlan();

        Assert.Equal(
            (withLiterals["index"]["name"], withLiterals["index"]["expr"], withLiterals["index"]["mode"], withLiterals["index"]["cost"]),
            (withParameters["index"]["name"], withParameters["index"]["expr"], withParameters["index"]["mode"], withParameters["index"]["cost"]));
        var expected = collection.Find(literal(At.AddMinutes(5))).Select(d => d["_id"].AsString).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, collection.Find(parameters(At.AddMinutes(5)).ToExpression()).Select(d => d["_id"].AsString).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_range_is_one_index_range_that_ends_at_its_end_which_it_leaves_out()
    {
        var deliveries = database.Database.GetCollection("deliveries");
        var (from, to) = (At.AddMinutes(5), At.AddMinutes(25));

        var plan = deliveries.Query().Where(LiteDbFilter.Range("$.DueAt", from, to).ToExpression()).GetPlan();
        var twoTerms = deliveries.Query().Where(LiteDbFilter.Of("$.DueAt >= {0}", from).And("$.DueAt < {0}", to).ToExpression()).GetPlan();

        Assert.StartsWith("INDEX RANGE SCAN(DueAt BETWEEN", plan["index"]["mode"].AsString, StringComparison.Ordinal);
        Assert.DoesNotContain("BETWEEN", twoTerms["index"]["mode"].AsString, StringComparison.Ordinal); // the trap Range avoids
        var expected = deliveries.FindAll().Where(d => d["DueAt"].AsDateTime >= from && d["DueAt"].AsDateTime < to).Select(d => d["_id"].AsString).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, deliveries.Find(LiteDbFilter.Range("$.DueAt", from, to).ToExpression()).Select(d => d["_id"].AsString).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_name_search_walks_the_range_of_its_first_letters_in_the_head_nip_index_in_nip_order_with_no_sort()
    {
        const string head = "SUBSTRING(RPAD(LOWER($.Name), 3, ' '), 0, 3) + $._id";
        var filter = LiteDbFilter.Of(head + " BETWEEN {0} AND {1}", "sit199000000000000010", "sit" + new string('9', 18)).And("$._id != {0}", "199000000000000010");

        var plan = database.Database.GetCollection("asn").Query().Where(filter.ToExpression()).OrderBy(BsonExpression.Create(head)).GetPlan();

        Assert.Equal("HeadNip", plan["index"]["name"].AsString);
        Assert.StartsWith("INDEX RANGE SCAN", plan["index"]["mode"].AsString, StringComparison.Ordinal);
        Assert.False(plan.ContainsKey("orderBy"), plan.ToString());
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_filter_has_one_text_whatever_its_values(string shape)
    {
        var (_, literal, parameters) = Cases[shape];

        Assert.Equal(parameters(At).ToExpression().Source, parameters(At.AddDays(3)).ToExpression().Source);
        if (shape.Contains("time", StringComparison.Ordinal) || shape.Contains("period", StringComparison.Ordinal))
        {
            Assert.NotEqual(literal(At).Source, literal(At.AddDays(3)).Source); // what compiled anew for every cursor
        }
    }

    private static BsonArray Values(params string[] values) => new(values.Select(v => new BsonValue(v)));

    public void Dispose()
    {
        database.Dispose();
        file.Dispose();
    }
}
