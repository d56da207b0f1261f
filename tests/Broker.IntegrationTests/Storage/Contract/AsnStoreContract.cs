using Broker.Asn;
using Broker.Storage;

namespace Broker.IntegrationTests.Storage.Contract;

public abstract class AsnStoreContract : StoreContract
{
    /// <summary>Whole milliseconds: the finest time both providers keep (LiteDB keeps milliseconds).</summary>
    private static readonly DateTimeOffset Joined = new(2026, 1, 5, 8, 30, 0, 250, TimeSpan.Zero);

    [Fact]
    public async Task A_record_is_read_back_with_every_property_whether_added_alone_or_in_an_import()
    {
        var directory = Get<IAsnStore>();
        var alone = Record(1, "Ani Lestari", phone: "+62 812-3456-7890", email: "ani@example.go.id");
        alone.Active = false;
        alone.DeactivatedAt = Joined.AddDays(30).ToOffset(TimeSpan.FromHours(7));
        var imported = Record(2, "Budi Santoso");

        Assert.True(await directory.TryAddAsync(alone, CancellationToken.None));
        await directory.AddAllAsync([imported], CancellationToken.None);

        var first = await directory.GetAsync(alone.Id, CancellationToken.None);
        Assert.NotNull(first);
        Assert.Equal((alone.Id, "Ani Lestari", "dinkes", "+62 812-3456-7890", "ani@example.go.id", false), (first.Id, first.Name, first.Opd, first.Phone, first.Email, first.Active));
        Assert.Equal((Joined, Joined.AddDays(30)), (first.CreatedAt, first.DeactivatedAt));
        var second = await directory.GetAsync(imported.Id, CancellationToken.None);
        Assert.NotNull(second);
        Assert.Equal(("Budi Santoso", null, null, true, null), (second.Name, second.Phone, second.Email, second.Active, second.DeactivatedAt));
        Assert.Null(await directory.GetAsync(Nip(3), CancellationToken.None));
    }

    [Fact]
    public async Task A_nip_already_in_the_directory_is_not_added_again()
    {
        var directory = Get<IAsnStore>();

        Assert.True(await directory.TryAddAsync(Record(1, "Ani Lestari"), CancellationToken.None));
        Assert.False(await directory.TryAddAsync(Record(1, "Someone Else"), CancellationToken.None));

        Assert.Equal("Ani Lestari", (await directory.GetAsync(Nip(1), CancellationToken.None))?.Name);
    }

    [Fact]
    public async Task Many_adds_of_one_nip_at_once_store_one_record_and_only_one_is_told_it_added()
    {
        var directory = Get<IAsnStore>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var adds = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await directory.TryAddAsync(Record(1, $"Name {i}"), CancellationToken.None);
        })).ToList();
        start.SetResult();
        var added = await Task.WhenAll(adds);

        Assert.Single(added, a => a);
        Assert.Single(await directory.ListAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task An_import_with_a_nip_twice_is_refused_whole_with_a_duplicate_key_error()
    {
        var directory = Get<IAsnStore>();

        await Assert.ThrowsAsync<DuplicateKeyException>(() => directory.AddAllAsync([Record(1, "A"), Record(2, "B"), Record(1, "C")], CancellationToken.None));

        Assert.Empty(await directory.ListAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task An_import_with_a_nip_already_in_the_directory_is_refused_whole_with_a_duplicate_key_error()
    {
        var directory = Get<IAsnStore>();
        await directory.AddAllAsync([Record(1, "Ani")], CancellationToken.None);

        await Assert.ThrowsAsync<DuplicateKeyException>(() => directory.AddAllAsync([Record(2, "B"), Record(1, "A again"), Record(3, "C")], CancellationToken.None));

        Assert.Equal([Nip(1)], (await directory.ListAsync(null, CancellationToken.None)).Select(a => a.Id));
    }

    [Fact]
    public async Task The_nips_already_in_the_directory_are_found_among_a_large_set_in_one_call()
    {
        var directory = Get<IAsnStore>();
        await directory.AddAllAsync([.. Enumerable.Range(0, 5_000).Select(i => Record(i * 2, $"ASN {i}"))], CancellationToken.None);

        var existing = await directory.NamesAsync([.. Enumerable.Range(0, 10_000).Select(Nip)], CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 5_000).Select(i => Nip(i * 2)).Order(StringComparer.Ordinal), existing.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("ASN 4999", existing[Nip(9_998)]);
    }

    [Fact]
    public async Task The_names_of_the_nips_asked_for_are_looked_up_by_key_and_unknown_ones_left_out()
    {
        var directory = Get<IAsnStore>();
        await directory.AddAllAsync([Record(1, "Ani"), Record(2, "Budi"), Record(3, "Citra")], CancellationToken.None);

        var names = await directory.NamesAsync([Nip(1), Nip(3), Nip(9), Nip(1)], CancellationToken.None);

        Assert.Equal([(Nip(1), "Ani"), (Nip(3), "Citra")], names.Select(n => (n.Key, n.Value)).OrderBy(n => n.Key, StringComparer.Ordinal));
        Assert.Empty(await directory.NamesAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task The_directory_is_listed_by_name_in_ordinal_order_whole_or_for_one_opd()
    {
        var directory = Get<IAsnStore>();
        await directory.AddAllAsync(
            [Record(1, "budi"), Record(2, "Ägus", opd: "diskominfo"), Record(3, "Budi"), Record(4, "ani"), Record(5, "Zaki", opd: "diskominfo")],
            CancellationToken.None);

        Assert.Equal(["Budi", "Zaki", "ani", "budi", "Ägus"], (await directory.ListAsync(null, CancellationToken.None)).Select(a => a.Name));
        Assert.Equal(["Zaki", "Ägus"], (await directory.ListAsync("diskominfo", CancellationToken.None)).Select(a => a.Name));
        Assert.Empty(await directory.ListAsync("DISKOMINFO", CancellationToken.None));
    }

    [Fact]
    public async Task An_update_replaces_the_stored_record_and_one_of_an_unknown_nip_is_refused()
    {
        var directory = Get<IAsnStore>();
        await directory.AddAllAsync([Record(1, "Ani")], CancellationToken.None);
        var changed = Record(1, "Ani Lestari", opd: "diskominfo", phone: "0812345678", email: "ani@example.go.id");
        changed.Active = false;
        changed.DeactivatedAt = Joined.AddDays(1);

        await directory.UpdateAsync(changed, CancellationToken.None);

        var stored = await directory.GetAsync(Nip(1), CancellationToken.None);
        Assert.Equal(("Ani Lestari", "diskominfo", "0812345678", "ani@example.go.id", false, Joined.AddDays(1)), (stored?.Name, stored?.Opd, stored?.Phone, stored?.Email, stored?.Active, stored?.DeactivatedAt));
        await Assert.ThrowsAsync<InvalidOperationException>(() => directory.UpdateAsync(Record(2, "Nobody"), CancellationToken.None));
    }

    [Fact]
    public async Task The_directory_is_paged_in_nip_order_by_a_cursor_and_searched_by_opd_nip_prefix_or_name_prefix()
    {
        var directory = Get<IAsnStore>();
        await directory.AddAllAsync(
        [
            Record(5, "Budi Santoso"), Record(1, "Ani Lestari"), Record(3, "budiman", opd: "dishub"), Record(2, "Citra"), Record(4, "Bu_di", opd: "dishub"),
        ], CancellationToken.None);

        var first = await directory.PageAsync(new AsnPageQuery(null, null, null, 2), CancellationToken.None);
        var second = await directory.PageAsync(new AsnPageQuery(null, null, first[^1].Id, 2), CancellationToken.None);
        var last = await directory.PageAsync(new AsnPageQuery(null, null, second[^1].Id, 2), CancellationToken.None);

        Assert.Equal([Nip(1), Nip(2)], first.Select(a => a.Id));
        Assert.Equal([Nip(3), Nip(4)], second.Select(a => a.Id));
        Assert.Equal([Nip(5)], last.Select(a => a.Id));
        Assert.Equal([Nip(3), Nip(4)], (await directory.PageAsync(new AsnPageQuery("dishub", null, null, 10), CancellationToken.None)).Select(a => a.Id));
        Assert.Equal([Nip(3), Nip(5)], (await directory.PageAsync(new AsnPageQuery(null, "BUDI", null, 10), CancellationToken.None)).Select(a => a.Id));
        Assert.Equal([Nip(5)], (await directory.PageAsync(new AsnPageQuery("dinkes", "budi", null, 10), CancellationToken.None)).Select(a => a.Id));
        Assert.Equal([Nip(2), Nip(3)], (await directory.PageAsync(new AsnPageQuery(null, Nip(2)[..17], Nip(1), 2), CancellationToken.None)).Select(a => a.Id));
        Assert.Equal([Nip(4)], (await directory.PageAsync(new AsnPageQuery(null, Nip(4), null, 10), CancellationToken.None)).Select(a => a.Id));
        Assert.Equal([Nip(3)], (await directory.PageAsync(new AsnPageQuery(null, Nip(2)[..17], Nip(2), 1), CancellationToken.None)).Select(a => a.Id));
        Assert.Empty(await directory.PageAsync(new AsnPageQuery(null, Nip(2)[..17], new string('9', 18), 10), CancellationToken.None));
        Assert.Empty(await directory.PageAsync(new AsnPageQuery(null, "zz", null, 10), CancellationToken.None));
    }

    [Fact]
    public async Task One_opds_page_holds_only_its_asn_in_nip_order_from_the_cursor_with_or_without_a_search()
    {
        var directory = Get<IAsnStore>();
        // Interleaved NIPs, and OPD codes of which one is the other's prefix.
        await directory.AddAllAsync(
        [
            .. Enumerable.Range(1, 12).Select(i => Record(i, i % 3 == 0 ? $"Siti {i}" : $"Ani {i}", opd: (i % 2) switch { 0 => "dinkes", _ => "dinkes-kota" })),
            Record(13, "Siti Luar", opd: "dishub"),
        ], CancellationToken.None);

        var first = await directory.PageAsync(new AsnPageQuery("dinkes", null, null, 4), CancellationToken.None);
        var rest = await directory.PageAsync(new AsnPageQuery("dinkes", null, first[^1].Id, 4), CancellationToken.None);

        Assert.Equal([Nip(2), Nip(4), Nip(6), Nip(8)], first.Select(a => a.Id));
        Assert.Equal([Nip(10), Nip(12)], rest.Select(a => a.Id));
        Assert.Equal([Nip(1), Nip(3), Nip(5)], (await directory.PageAsync(new AsnPageQuery("dinkes-kota", null, null, 3), CancellationToken.None)).Select(a => a.Id));
        Assert.Equal([Nip(6), Nip(12)], (await directory.PageAsync(new AsnPageQuery("dinkes", "SITI", null, 10), CancellationToken.None)).Select(a => a.Id));
        Assert.Equal([Nip(12)], (await directory.PageAsync(new AsnPageQuery("dinkes", "siti", Nip(6), 10), CancellationToken.None)).Select(a => a.Id));
        Assert.Equal([Nip(10), Nip(12)], (await directory.PageAsync(new AsnPageQuery("dinkes", Nip(10)[..16], Nip(8), 10), CancellationToken.None)).Select(a => a.Id));
        Assert.Equal([Nip(11)], (await directory.PageAsync(new AsnPageQuery("dinkes-kota", Nip(10)[..16], Nip(9), 1), CancellationToken.None)).Select(a => a.Id));
        Assert.Empty(await directory.PageAsync(new AsnPageQuery("dinkes", null, Nip(12), 10), CancellationToken.None));
        Assert.Empty(await directory.PageAsync(new AsnPageQuery("dinke", null, null, 10), CancellationToken.None));
    }

    [Fact]
    public async Task A_name_search_is_an_exact_prefix_in_nip_order_whatever_other_names_share_its_first_letters()
    {
        var directory = Get<IAsnStore>();
        // Names that share the search's first three letters, an accented one, a short one, and a '_' that is not a wildcard.
        await directory.AddAllAsync(
        [
            Record(6, "SITI"), Record(1, "Siti Aminah"), Record(2, "Sitompul"), Record(3, "Sít Aksen"), Record(4, "siti rahma", opd: "dishub"),
            Record(5, "Al"), Record(7, "Sit"), Record(8, "Bu_di"), Record(9, "Buxdi"),
        ], CancellationToken.None);

        async Task<IEnumerable<string>> Search(string? opd, string text, string? after = null, int limit = 10) =>
            (await directory.PageAsync(new AsnPageQuery(opd, text, after, limit), CancellationToken.None)).Select(a => a.Id);

        Assert.Equal([Nip(1), Nip(4), Nip(6)], await Search(null, "siti"));
        Assert.Equal([Nip(1), Nip(2), Nip(4), Nip(6), Nip(7)], await Search(null, "Sit"));
        Assert.Equal([Nip(3)], await Search(null, "sít"));
        Assert.Equal([Nip(1)], await Search(null, "siti", limit: 1));
        Assert.Equal([Nip(4)], await Search(null, "siti", Nip(1), 1));
        Assert.Equal([Nip(6)], await Search(null, "siti", Nip(4), 1));
        Assert.Empty(await Search(null, "siti", Nip(6), 1));
        Assert.Equal([Nip(4), Nip(6)], await Search(null, "siti", Nip(2)));
        Assert.Equal([Nip(1), Nip(6)], await Search("dinkes", "SITI"));
        Assert.Equal([Nip(6)], await Search("dinkes", "siti", Nip(1)));
        Assert.Equal([Nip(4)], await Search("dishub", "sit"));
        Assert.Equal([Nip(5)], await Search(null, "al"));
        Assert.Equal([Nip(8)], await Search(null, "bu_"));
        Assert.Empty(await Search(null, "sitim"));
    }

    private static string Nip(int i) => $"19900101202012{i:D4}";

    private static AsnRecord Record(int i, string name, string opd = "dinkes", string? phone = null, string? email = null) =>
        new() { Id = Nip(i), Name = name, Opd = opd, Phone = phone, Email = email, CreatedAt = Joined };
}

public sealed class AsnStoreOnLiteDb : AsnStoreContract
{
    protected override StorageProvider Provider => StorageProvider.LiteDb;
}

public sealed class AsnStoreOnPostgreSql : AsnStoreContract
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
