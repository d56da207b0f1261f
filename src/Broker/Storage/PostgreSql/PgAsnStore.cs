using Broker.Asn;
using Npgsql;
using NpgsqlTypes;

namespace Broker.Storage.PostgreSql;

/// <summary>The ASN directory in <c>asn</c>, keyed by NIP; an import is one binary COPY in one transaction.</summary>
internal sealed class PgAsnStore(PgDatabase database) : IAsnStore
{
    private const string Columns = "nip, name, opd, phone, email, active, created_at, deactivated_at";

    public async Task<AsnRecord?> GetAsync(string nip, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {Columns} FROM asn WHERE nip = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = nip });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<AsnRecord>> ListAsync(string? opd, CancellationToken cancellationToken)
    {
        // Ordered as .NET's ordinal comparison orders names: by code point, whatever the database's collation.
        await using var command = database.DataSource.CreateCommand(
            $"SELECT {Columns} FROM asn {(opd is null ? string.Empty : "WHERE opd = $1")} ORDER BY name COLLATE \"C\", nip COLLATE \"C\"");
        if (opd is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = opd });
        }

        var records = new List<AsnRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    public async Task<IReadOnlyList<AsnRecord>> PageAsync(AsnPageQuery query, CancellationToken cancellationToken)
    {
        // Every condition is an index range: the primary key (nip), asn_opd_nip, or asn_name_prefix (whose
        // text_pattern_ops compare bytes, so [prefix, prefix + U+10FFFF) holds exactly the names that start with it).
        await using var command = database.DataSource.CreateCommand();
        var sql = new System.Text.StringBuilder($"SELECT {Columns} FROM asn WHERE nip > $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.After ?? string.Empty });
        void Where(string condition, string value)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
            sql.Append(" AND ").Append(condition.Replace("$?", "$" + command.Parameters.Count, StringComparison.Ordinal));
        }

        if (query.Opd is { } opd)
        {
            Where("opd = $?", opd);
        }

        if (query.SearchesNip)
        {
            Where("nip >= $?", query.NipRange.From);
            Where("nip <= $?", query.NipRange.To);
        }
        else if (!string.IsNullOrWhiteSpace(query.Search))
        {
            Where("lower(name) ~>=~ $?", query.NamePrefix);
            Where("lower(name) ~<~ $?", query.NamePrefix + char.ConvertFromUtf32(0x10FFFF));
        }

        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        sql.Append(" ORDER BY nip LIMIT $").Append(command.Parameters.Count);
        command.CommandText = sql.ToString();
        var records = new List<AsnRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> nips, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (nips.Count == 0)
        {
            return names;
        }

        await using var command = database.DataSource.CreateCommand("SELECT nip, name FROM asn WHERE nip = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. nips] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names[reader.GetString(0)] = reader.GetString(1);
        }

        return names;
    }

    public async Task<bool> TryAddAsync(AsnRecord record, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            $"INSERT INTO asn ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (nip) DO NOTHING");
        AddValues(command.Parameters, record);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task AddAllAsync(IReadOnlyList<AsnRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var copy = await connection.BeginBinaryImportAsync($"COPY asn ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var record in records)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(record.Id, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(record.Name, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(record.Opd, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(record.Phone, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(record.Email, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(record.Active, NpgsqlDbType.Boolean, cancellationToken);
                    await copy.WriteAsync(record.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                    await copy.WriteAsync(record.DeactivatedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new DuplicateKeyException($"The ASN import was not stored: a NIP is already in the directory or twice in the import ({ex.Detail}).", ex);
        }
    }

    public async Task UpdateAsync(AsnRecord record, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "UPDATE asn SET name = $2, opd = $3, phone = $4, email = $5, active = $6, created_at = $7, deactivated_at = $8 WHERE nip = $1");
        AddValues(command.Parameters, record);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new InvalidOperationException($"No {nameof(AsnRecord)} to update with that id.");
        }
    }

    private static void AddValues(NpgsqlParameterCollection parameters, AsnRecord record)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Id });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Name });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Opd });
        parameters.Add(new NpgsqlParameter<string?> { TypedValue = record.Phone, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<string?> { TypedValue = record.Email, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<bool> { TypedValue = record.Active });
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = record.CreatedAt.ToUniversalTime() });
        parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = record.DeactivatedAt?.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
    }

    private static AsnRecord Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Name = reader.GetString(1),
        Opd = reader.GetString(2),
        Phone = reader.IsDBNull(3) ? null : reader.GetString(3),
        Email = reader.IsDBNull(4) ? null : reader.GetString(4),
        Active = reader.GetBoolean(5),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(6),
        DeactivatedAt = reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
    };
}
