using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Broker.Access;
using Broker.Api;
using Broker.Audit;
using Broker.Storage;

namespace Broker.Asn;

/// <summary>
/// Checks ASN records, one by one or a whole CSV file, and stores the good ones. An import is all or nothing for the
/// rows it accepts: they are written in one transaction, and every refused row is reported with its reason.
/// </summary>
public sealed partial class AsnImport(IAsnStore directory, IOpdStore opds, Auditor audit, TimeProvider time)
{
    public const int MaxRows = 100_000;

    /// <summary>A refused row: <see cref="Reason"/> in English for the API, <see cref="Messages"/> for pages to word.</summary>
    public sealed record Refusal(int Row, string? Nip, string Reason)
    {
        [JsonIgnore]
        public IReadOnlyList<UserMessage> Messages { get; init; } = [];

        public static Refusal Of(int row, string? nip, params UserMessage[] messages) =>
            new(row, nip, string.Join("; ", messages.Select(m => m.English))) { Messages = messages };
    }

    public sealed record Report(int Accepted, IReadOnlyList<Refusal> Refused);

    public sealed record Candidate(string? Nip, string? Name, string? Opd, string? Phone, string? Email);

    public sealed record Problem(string Field, UserMessage Message)
    {
        public string Reason => Message.English;
    }

    /// <summary>
    /// Why a record cannot be added, field by field (empty when it can), not counting duplicates. An import passes
    /// <paramref name="opdsSeen"/> so each OPD is looked up once, not once per row (5,000 rows name a handful of OPDs).
    /// </summary>
    public async Task<List<Problem>> CheckAsync(Candidate candidate, CancellationToken cancellationToken, Dictionary<string, bool>? opdsSeen = null)
    {
        var reasons = new List<Problem>();
        if (!Nip.IsWellFormed(candidate.Nip?.Trim()))
        {
            reasons.Add(new("nip", UserMessage.Of(MessageCodes.AsnNip, $"bad NIP '{candidate.Nip}': a NIP is 18 digits", ("nip", candidate.Nip))));
        }

        if (string.IsNullOrWhiteSpace(candidate.Name) || candidate.Name.Trim().Length > 200)
        {
            reasons.Add(new("name", UserMessage.Of(MessageCodes.AsnName, "name is required (at most 200 characters)")));
        }

        if (string.IsNullOrWhiteSpace(candidate.Opd) || !await OpdExistsAsync(candidate.Opd.Trim(), opdsSeen, cancellationToken))
        {
            reasons.Add(new("opd", UserMessage.Of(MessageCodes.AsnOpd, $"unknown OPD '{candidate.Opd}'", ("opd", candidate.Opd))));
        }

        if (!string.IsNullOrWhiteSpace(candidate.Phone) && !PhonePattern().IsMatch(candidate.Phone.Trim()))
        {
            reasons.Add(new("phone", UserMessage.Of(MessageCodes.AsnPhone, $"bad phone '{candidate.Phone}': digits, spaces, '-' and a leading '+', 8 to 16 digits", ("phone", candidate.Phone))));
        }

        if (!string.IsNullOrWhiteSpace(candidate.Email) && !EmailPattern().IsMatch(candidate.Email.Trim()))
        {
            reasons.Add(new("email", UserMessage.Of(MessageCodes.AsnEmail, $"bad email '{candidate.Email}'", ("email", candidate.Email))));
        }

        return reasons;
    }

    private async Task<bool> OpdExistsAsync(string code, Dictionary<string, bool>? seen, CancellationToken cancellationToken)
    {
        if (seen is not null && seen.TryGetValue(code, out var known))
        {
            return known;
        }

        var exists = await opds.GetAsync(code, cancellationToken) is not null;
        seen?.Add(code, exists);
        return exists;
    }

    public AsnRecord ToRecord(Candidate candidate) => new()
    {
        Id = candidate.Nip!.Trim(),
        Name = candidate.Name!.Trim(),
        Opd = candidate.Opd!.Trim(),
        Phone = string.IsNullOrWhiteSpace(candidate.Phone) ? null : candidate.Phone.Trim(),
        Email = string.IsNullOrWhiteSpace(candidate.Email) ? null : candidate.Email.Trim(),
        CreatedAt = time.GetUtcNow(),
    };

    /// <summary>
    /// Imports the rows of a CSV file that <see cref="CsvFile"/> read without faults, the header
    /// <c>nip,name,opd[,phone,email]</c> first; rows are numbered by their line in the file.
    /// </summary>
    public async Task<Report> ImportAsync(IEnumerable<CsvReader.Row> csv, string actor, CancellationToken cancellationToken)
    {
        var (accepted, refused) = await CheckFileAsync(csv, cancellationToken);
        await directory.AddAllAsync(accepted, cancellationToken);
        await audit.RecordAsync(actor, "asn.imported", "asn", "import", $"{accepted.Count} accepted, {refused.Count} refused", cancellationToken);
        return new Report(accepted.Count, refused);
    }

    /// <summary>What an import of the file would do now, writing nothing: the rows it would add and those it refuses.</summary>
    public async Task<(IReadOnlyList<AsnRecord> Accepted, IReadOnlyList<Refusal> Refused)> CheckFileAsync(IEnumerable<CsvReader.Row> csv, CancellationToken cancellationToken)
    {
        using var rows = csv.GetEnumerator();
        if (!rows.MoveNext() || !IsHeader(rows.Current.Fields))
        {
            return ([], [Refusal.Of(1, null, UserMessage.Of(MessageCodes.AsnHeader, "the first line must be the header nip,name,opd[,phone,email]"))]);
        }

        var accepted = new List<AsnRecord>();
        var refused = new List<Refusal>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var opdsSeen = new Dictionary<string, bool>(StringComparer.Ordinal);
        var count = 0;
        while (rows.MoveNext())
        {
            var (line, fields) = rows.Current;
            if (++count > MaxRows)
            {
                return ([], [Refusal.Of(line, null, UserMessage.Of(MessageCodes.AsnTooManyRows, $"more than {MaxRows} rows: split the file; nothing was imported", ("max", MaxRows)))]);
            }

            var candidate = new Candidate(At(fields, 0), At(fields, 1), At(fields, 2), At(fields, 3), At(fields, 4));
            var reasons = fields.Length is < 3 or > 5
                ? [UserMessage.Of(MessageCodes.AsnFieldCount, $"{fields.Length} fields; a row has 3 to 5 (nip,name,opd[,phone,email])", ("count", fields.Length))]
                : (await CheckAsync(candidate, cancellationToken, opdsSeen)).Select(p => p.Message).ToList();
            var nip = candidate.Nip?.Trim();
            if (reasons.Count == 0 && seen.TryGetValue(nip!, out var first))
            {
                reasons.Add(UserMessage.Of(MessageCodes.AsnDuplicateInFile, $"duplicate: NIP already on row {first} of this file", ("row", first)));
            }

            if (reasons.Count > 0)
            {
                refused.Add(Refusal.Of(line, nip, [.. reasons]));
                continue;
            }

            seen[nip!] = line;
            accepted.Add(ToRecord(candidate));
        }

        var existing = await directory.NamesAsync([.. accepted.Select(a => a.Id)], cancellationToken);
        refused.AddRange(accepted.Where(a => existing.ContainsKey(a.Id)).Select(a => Refusal.Of(seen[a.Id], a.Id, UserMessage.Of(MessageCodes.AsnDuplicateInDirectory, "duplicate: NIP already in the directory"))));
        accepted.RemoveAll(a => existing.ContainsKey(a.Id));
        return (accepted, [.. refused.OrderBy(r => r.Row)]);
    }

    private static bool IsHeader(string[] fields)
    {
        string[] names = [.. fields.Select(f => f.Trim().ToLowerInvariant())];
        return names is ["nip", "name", "opd", ..] && names.Length <= 5 && names.Skip(3).SequenceEqual(new[] { "phone", "email" }.Take(names.Length - 3));
    }

    private static string? At(string[] fields, int index) => index < fields.Length ? fields[index] : null;

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{6,20}[0-9]\z")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+\z")]
    private static partial Regex EmailPattern();
}
