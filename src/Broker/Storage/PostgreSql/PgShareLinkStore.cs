using Broker.Sharing;
using Npgsql;

namespace Broker.Storage.PostgreSql;

/// <summary>
/// Share links in <c>share_links</c>. Two nodes asked for the same ASN's link to the same item at the same moment both
/// answer with one link: the unique key on (nip, item) lets only one insert stand, and the other reads it.
/// </summary>
internal sealed class PgShareLinkStore(PgDatabase database) : IShareLinkStore
{
    private const string Columns = "code, nip, item_id, opd, created_at";

    public async Task<ShareLink?> GetAsync(string code, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {Columns} FROM share_links WHERE code = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = code });
        return await ReadOneAsync(command, cancellationToken);
    }

    public async Task<ShareLink> GetOrAddAsync(ShareLink candidate, CancellationToken cancellationToken)
    {
        if (await FindAsync(candidate.Nip, candidate.ItemId, cancellationToken) is { } existing)
        {
            return existing;
        }

        await using (var insert = database.DataSource.CreateCommand(
            $"INSERT INTO share_links ({Columns}) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (nip, item_id) DO NOTHING RETURNING {Columns}"))
        {
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = candidate.Id });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = candidate.Nip });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = candidate.ItemId });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = candidate.Opd });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = candidate.CreatedAt.ToUniversalTime() });
            if (await ReadOneAsync(insert, cancellationToken) is { } added)
            {
                return added;
            }
        }

        // Another node made it between the look-up and the insert. The insert waited for that node's commit, but its own
        // snapshot is older than it: only a new statement sees the link that stands.
        return await FindAsync(candidate.Nip, candidate.ItemId, cancellationToken)
            ?? throw new InvalidOperationException($"The share link of {candidate.Key} was neither added nor found.");
    }

    public async Task<IReadOnlyDictionary<string, ShareLink>> GetOrAddAllAsync(IReadOnlyList<ShareLink> candidates, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return new Dictionary<string, ShareLink>(StringComparer.Ordinal);
        }

        var nip = ShareLinkBatch.OneNip(candidates);
        var itemIds = candidates.Select(c => c.ItemId).Distinct(StringComparer.Ordinal).ToList();
        var found = await FindAsync(nip, itemIds, cancellationToken);
        var missing = candidates.Where(c => !found.ContainsKey(c.ItemId)).DistinctBy(c => c.ItemId, StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return found;
        }

        // One statement: the links another node made at the same moment stand (the unique key on (nip, item)), and the
        // read after it, a new statement, sees them.
        await using (var insert = database.DataSource.CreateCommand(
            "INSERT INTO share_links (code, nip, item_id, opd, created_at) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) ON CONFLICT (nip, item_id) DO NOTHING"))
        {
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. missing.Select(c => c.Id)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. missing.Select(c => c.Nip)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. missing.Select(c => c.ItemId)] });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. missing.Select(c => c.Opd)] });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. missing.Select(c => c.CreatedAt.ToUniversalTime())] });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        return await FindAsync(nip, itemIds, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, ShareLink>> FindAsync(string nip, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ShareLink>(StringComparer.Ordinal);
        if (itemIds.Count == 0)
        {
            return found;
        }

        // share_links_one_per_asn_and_item: one index probe per item asked about.
        await using var command = database.DataSource.CreateCommand($"SELECT {Columns} FROM share_links WHERE nip = $1 AND item_id = ANY($2)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = nip });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. itemIds.Distinct(StringComparer.Ordinal)] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var link = Read(reader, 0);
            found[link.ItemId] = link;
        }

        return found;
    }

    public async Task<IReadOnlyList<ShareLink>> ListAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM share_links WHERE {PgFilters.Period("created_at", from, to, command.Parameters)} ORDER BY created_at, code";
        var links = new List<ShareLink>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            links.Add(Read(reader, 0));
        }

        return links;
    }

    /// <summary>The link read from five columns of <paramref name="reader"/> from <paramref name="first"/> on, in <see cref="Columns"/>'s order.</summary>
    internal static ShareLink Read(NpgsqlDataReader reader, int first)
    {
        var nip = reader.GetString(first + 1);
        var itemId = reader.GetString(first + 2);
        return new ShareLink
        {
            Id = reader.GetString(first),
            Key = ShareLink.KeyOf(nip, itemId),
            Nip = nip,
            ItemId = itemId,
            Opd = reader.GetString(first + 3),
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(first + 4),
        };
    }

    private async Task<ShareLink?> FindAsync(string nip, string itemId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {Columns} FROM share_links WHERE nip = $1 AND item_id = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = nip });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = itemId });
        return await ReadOneAsync(command, cancellationToken);
    }

    private static async Task<ShareLink?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader, 0) : null;
    }
}
