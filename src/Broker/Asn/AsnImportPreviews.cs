using System.IO.Compression;
using System.Security.Cryptography;
using Broker.Audit;
using Broker.Storage;

namespace Broker.Asn;

/// <summary>
/// An import in two steps: the uploaded file is checked and kept (nothing written to the directory), the editor reads
/// which rows would be added and which are refused, and only their confirmation imports it. A confirmation claims the
/// preview first (so two at once import once); the import itself skips NIPs already present, so one repeated after
/// a crash halfway adds only what is missing.
/// </summary>
public sealed class AsnImportPreviews(IAsnImportStore previews, AsnImport import, Auditor audit, TimeProvider time)
{
    /// <summary>How long a claim without a finished import blocks another confirmation (the broker stopped halfway).</summary>
    public static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(10);

    public sealed record Checked(AsnImportPreview? Preview, IReadOnlyList<AsnRecord> Accepted, IReadOnlyList<AsnImport.Refusal> Refused, IReadOnlyList<CsvReader.Fault> Faults);

    public enum Confirmation
    {
        Imported,
        AlreadyConfirmed,
        NotFound,
    }

    public sealed record Confirmed(Confirmation Outcome, AsnImportPreview? Preview, AsnImport.Report? Report);

    /// <summary>Checks the file and, when it can be read, keeps it under a new preview id.</summary>
    public async Task<Checked> PreviewAsync(byte[] csv, string actor, CancellationToken cancellationToken)
    {
        var content = CsvFile.Read(csv);
        if (content.Faults.Count > 0)
        {
            return new Checked(null, [], [], content.Faults);
        }

        var (accepted, refused) = await import.CheckFileAsync(content.Rows, cancellationToken);
        var preview = new AsnImportPreview
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            CreatedBy = actor,
            CreatedAt = time.GetUtcNow(),
            Csv = Compress(csv),
            Accepted = accepted.Count,
            Refused = refused.Count,
        };
        await previews.AddAsync(preview, cancellationToken);
        await audit.RecordAsync(actor, "asn.import-previewed", "asn-import", preview.Id, $"{accepted.Count} accepted, {refused.Count} refused", cancellationToken);
        return new Checked(preview, accepted, refused, []);
    }

    /// <summary>The preview as an import would find it now (the directory may have changed since the upload).</summary>
    public async Task<Checked?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        if (await previews.GetAsync(id, cancellationToken) is not { } preview)
        {
            return null;
        }

        var (accepted, refused) = await import.CheckFileAsync(CsvFile.Read(Decompress(preview.Csv)).Rows, cancellationToken);
        return new Checked(preview, accepted, refused, []);
    }

    public async Task<Confirmed> ConfirmAsync(string id, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!await previews.TryClaimAsync(id, actor, now, now - StaleClaim, cancellationToken))
        {
            var preview = await previews.GetAsync(id, cancellationToken);
            return new Confirmed(preview is null ? Confirmation.NotFound : Confirmation.AlreadyConfirmed, preview, null);
        }

        try
        {
            var claimed = (await previews.GetAsync(id, cancellationToken))!;
            var report = await import.ImportAsync(CsvFile.Read(Decompress(claimed.Csv)).Rows, actor, cancellationToken);
            await previews.FinishAsync(id, report.Accepted, cancellationToken);
            claimed.Imported = report.Accepted;
            return new Confirmed(Confirmation.Imported, claimed, report);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await previews.FinishAsync(id, null, CancellationToken.None);
            throw;
        }
    }

    private static byte[] Compress(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] bytes)
    {
        using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
