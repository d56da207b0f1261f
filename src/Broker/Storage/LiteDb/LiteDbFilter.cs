using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// A predicate of terms joined by AND whose values are parameters (<c>@0</c>, <c>@1</c>...), never literals in its text.
/// LiteDB 5.0.21 parses every expression it is given (<c>BsonExpression.Create</c> has no parse cache) and compiles it
/// once per distinct text (a static dictionary of delegates by text, never emptied): <c>Query.EQ(field, value)</c>,
/// <c>Query.In</c> and <c>Query.Between</c> write their values into the text, so each new value (a cursor's time, an
/// OPD, an id) compiled a new delegate on every query and kept it forever. With parameters a query's text depends on its
/// shape only: it is compiled once. <c>Query.And</c> cannot combine parameterised terms (it joins their texts and drops
/// their parameters), hence this type. The planner takes a parameter as a value as it takes a literal (an index's
/// equality or range on the term's field: see the contract's plan test).
/// </summary>
internal sealed class LiteDbFilter
{
    /// <summary>Values per <c>IN</c> query of <see cref="FindExact"/>.</summary>
    public const int InChunk = 500;

    private readonly IReadOnlyList<(string Text, BsonValue[] Values)> terms;

    private LiteDbFilter(IReadOnlyList<(string Text, BsonValue[] Values)> terms) => this.terms = terms;

    /// <summary>
    /// One term: <paramref name="text"/> names its values <c>{0}</c>, <c>{1}</c>... in the order of
    /// <paramref name="values"/> (<c>"$.Status = {0}"</c>, <c>"$.At BETWEEN {0} AND {1}"</c>). A term is one predicate
    /// (no OR): the terms are joined by AND as they are, each one a term LiteDB's planner can match to an index.
    /// </summary>
    public static LiteDbFilter Of(string text, params BsonValue[] values) => new([(text, values)]);

    /// <summary>
    /// [<paramref name="from"/>, <paramref name="to"/>) on <paramref name="term"/>, as one <c>BETWEEN</c> and a second term
    /// that leaves <paramref name="to"/> out. Written as two terms (<c>&gt;= from AND &lt; to</c>), LiteDB 5.0.21's planner
    /// drives the index by one of them alone and checks the other on every row to the end of the index: a past day's
    /// figures read every row after that day. With the <c>BETWEEN</c> the index range ends at <paramref name="to"/>.
    /// </summary>
    public static LiteDbFilter Range(string term, BsonValue from, BsonValue to) =>
        Of(term + " BETWEEN {0} AND {1}", from, to).And(term + " < {0}", to);

    /// <summary>
    /// The documents whose <paramref name="field"/> (<c>"$._id"</c>, <c>"$.Key"</c>) is one of <paramref name="values"/>,
    /// exactly: one <c>IN</c> query per <see cref="InChunk"/> values (a query per value paid LiteDB's fixed cost of a query
    /// each time) read by <paramref name="find"/>, each chunk read whole before the next; and, since LiteDB compares
    /// strings ignoring case, only the documents whose value (<paramref name="valueOf"/>) is one asked for, ordinally.
    /// </summary>
    public static List<T> FindExact<T>(IEnumerable<string> values, string field, Func<BsonExpression, IEnumerable<T>> find, Func<T, string> valueOf)
    {
        var found = new List<T>();
        foreach (var chunk in values.Distinct(StringComparer.Ordinal).Chunk(InChunk))
        {
            var asked = chunk.ToHashSet(StringComparer.Ordinal);
            var read = find(Of(field + " IN {0}", new BsonArray(chunk.Select(v => new BsonValue(v)))).ToExpression()).ToList();
            found.AddRange(read.Where(d => asked.Contains(valueOf(d))));
        }

        return found;
    }

    /// <summary>This filter and the term <paramref name="text"/> (the order of terms is kept: LiteDB's planner reads it).</summary>
    public LiteDbFilter And(string text, params BsonValue[] values) => new([.. terms, (text, values)]);

    /// <summary>This filter's terms, then <paramref name="other"/>'s (none when null).</summary>
    public LiteDbFilter And(LiteDbFilter? other) => other is null ? this : new([.. terms, .. other.terms]);

    /// <summary>The terms of <paramref name="filter"/> after <paramref name="text"/>, or that term alone.</summary>
    public static LiteDbFilter Before(LiteDbFilter? filter, string text, params BsonValue[] values) => Of(text, values).And(filter);

    /// <summary>The terms of <paramref name="filter"/> (none when null), then <paramref name="text"/>.</summary>
    public static LiteDbFilter After(LiteDbFilter? filter, string text, params BsonValue[] values) =>
        filter is null ? Of(text, values) : filter.And(text, values);

    /// <summary>The predicate: one text per shape of filter, its values as parameters.</summary>
    public BsonExpression ToExpression()
    {
        var parameters = new BsonDocument();
        var texts = new List<string>(terms.Count);
        foreach (var (text, values) in terms)
        {
            var names = new object[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var name = parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                parameters[name] = values[i];
                names[i] = "@" + name;
            }

            texts.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, text, names));
        }

        return BsonExpression.Create(texts.Count == 1 ? texts[0] : string.Join(" AND ", texts), parameters);
    }
}
