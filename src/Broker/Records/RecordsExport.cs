using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Broker.Audit;
using Broker.Dispatch;
using Broker.Intake;
using Broker.Reports;
using Broker.Storage;

namespace Broker.Records;

/// <summary>
/// The record of a period for a public information request (UU 14/2008, PPID), written as a ZIP straight to a stream:
/// the items created in the period with every version of their content and their deliveries (JSON lines and CSV), the
/// review decisions, and every audit
/// entry of the period (JSON lines and CSV), then a manifest with the generation time and each file's SHA-256. The
/// stores are read <see cref="PageSize"/> rows at a time, once per file, so memory holds one page of items with their
/// deliveries and the compressor's buffers, however long the period (BENCHMARKS.md has the measured bound).
/// </summary>
public sealed class RecordsExport(IItemStore items, IArchiveStore archive, IDeliveryStore deliveries, IItemRevisionStore revisions, IAuditLog audit, TimeProvider time)
{
    public const int PageSize = 200;

    /// <summary>Audit actions that are review decisions, for <c>reviews.csv</c>.</summary>
    private static readonly HashSet<string> Decisions = new(StringComparer.Ordinal)
    {
        "item.submitted", "item.edited", "item.approved", "item.sentBack", "item.rejected", "item.retracted", "item.corrected",
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task WriteAsync(Stream output, ReportPeriod period, string generatedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        await using var buffered = new PendingWriteStream(output);
        await using (var zip = await ZipArchive.CreateAsync(buffered, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            await WriteFilesAsync(zip, buffered, period, generatedBy, cancellationToken);
        }

        await buffered.FlushAsync(cancellationToken);
    }

    private async Task WriteFilesAsync(ZipArchive zip, PendingWriteStream buffered, ReportPeriod period, string generatedBy, CancellationToken cancellationToken)
    {
        var generatedAt = time.GetUtcNow();
        var files = new List<ExportedFile>();
        async Task<ExportedFile> Flushed(ExportedFile file)
        {
            await buffered.FlushAsync(cancellationToken);
            return file;
        }

        files.Add(await Flushed(await EntryAsync(zip, "items.jsonl", (w, ct) => ItemLinesAsync(w, period, ct), cancellationToken)));
        files.Add(await Flushed(await EntryAsync(zip, "items.csv", (w, ct) => ItemRowsAsync(w, period, ct), cancellationToken)));
        files.Add(await Flushed(await EntryAsync(zip, "versions.csv", (w, ct) => VersionRowsAsync(w, period, ct), cancellationToken)));
        files.Add(await Flushed(await EntryAsync(zip, "deliveries.csv", (w, ct) => DeliveryRowsAsync(w, period, ct), cancellationToken)));
        files.Add(await Flushed(await EntryAsync(zip, "reviews.csv", (w, ct) => AuditRowsAsync(w, period, e => Decisions.Contains(e.Action), ct), cancellationToken)));
        files.Add(await Flushed(await EntryAsync(zip, "audit.jsonl", (w, ct) => AuditLinesAsync(w, period, ct), cancellationToken)));
        files.Add(await Flushed(await EntryAsync(zip, "audit.csv", (w, ct) => AuditRowsAsync(w, period, _ => true, ct), cancellationToken)));
        var manifest = new
        {
            law = "UU 14/2008 (Keterbukaan Informasi Publik)",
            generatedAt,
            generatedBy,
            period = new { from = period.From, to = period.To },
            files,
        };
        var manifestEntry = zip.CreateEntry("manifest.json", CompressionLevel.Optimal);
        manifestEntry.LastWriteTime = generatedAt;
        await using (var stream = await manifestEntry.OpenAsync(cancellationToken))
        {
            await JsonSerializer.SerializeAsync(stream, manifest, Json, cancellationToken);
        }

        var sums = zip.CreateEntry("SHA256SUMS", CompressionLevel.Optimal);
        sums.LastWriteTime = generatedAt;
        await using (var writer = new StreamWriter(await sums.OpenAsync(cancellationToken), new UTF8Encoding(false)))
        {
            foreach (var file in files)
            {
                await writer.WriteAsync($"{file.Sha256}  {file.Name}\n");
            }
        }
    }

    /// <summary>Writes one file through a hash; the body returns how many rows it wrote.</summary>
    private async Task<ExportedFile> EntryAsync(ZipArchive zip, string name, Func<TextWriter, CancellationToken, Task<long>> body, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = time.GetUtcNow();
        await using var compressed = await entry.OpenAsync(cancellationToken);
        using var hashing = new HashingStream(compressed);
        long rows;
        await using (var writer = new StreamWriter(hashing, new UTF8Encoding(false), 64 * 1024, leaveOpen: true))
        {
            rows = await body(writer, cancellationToken);
        }

        return new ExportedFile(name, hashing.Written, rows, hashing.Finish());
    }

    private async IAsyncEnumerable<ItemPage> ItemPagesAsync(
        ReportPeriod period, bool withDeliveries, bool withVersions, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The working items, then the archived ones: an item is in one or the other, never both, as an archive batch moves it
        // whole in one transaction (one archived while the export reads is read from wherever it was when its page was).
        foreach (var source in new Func<PageCursor?, Task<IReadOnlyList<Item>>>[]
        {
            after => items.ListCreatedAsync(period.From, period.To, after, PageSize, cancellationToken),
            after => archive.ListCreatedAsync(period.From, period.To, after, PageSize, cancellationToken),
        })
        {
            await foreach (var page in PagesOfAsync(source, withDeliveries, withVersions, cancellationToken))
            {
                yield return page;
            }
        }
    }

    private async IAsyncEnumerable<ItemPage> PagesOfAsync(
        Func<PageCursor?, Task<IReadOnlyList<Item>>> source, bool withDeliveries, bool withVersions, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        PageCursor? after = null;
        while (true)
        {
            var page = await source(after);
            if (page.Count == 0)
            {
                yield break;
            }

            var ofPage = withDeliveries
                ? (await deliveries.ListByItemsAsync([.. page.Select(i => i.Id)], cancellationToken)).ToLookup(d => d.ItemId, StringComparer.Ordinal)
                : Enumerable.Empty<Delivery>().ToLookup(d => d.ItemId, StringComparer.Ordinal);
            var versions = withVersions
                ? (await revisions.ListByItemsAsync([.. page.Select(i => i.Id)], cancellationToken)).ToLookup(r => r.ItemId, StringComparer.Ordinal)
                : Enumerable.Empty<ItemRevision>().ToLookup(r => r.ItemId, StringComparer.Ordinal);
            yield return new ItemPage(page, ofPage, versions);
            if (page.Count < PageSize)
            {
                yield break;
            }

            after = new PageCursor(page[^1].CreatedAt, page[^1].Id);
        }
    }

    private async IAsyncEnumerable<AuditEntry> AuditAsync(ReportPeriod period, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            var page = await audit.ListPageAsync(period.From, period.To, after, PageSize, cancellationToken);
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }

    private async Task<long> ItemLinesAsync(TextWriter writer, ReportPeriod period, CancellationToken cancellationToken)
    {
        long rows = 0;
        await foreach (var (page, ofPage, versions) in ItemPagesAsync(period, true, true, cancellationToken))
        {
            foreach (var item in page)
            {
                var line = new ItemRecord(item, [.. versions[item.Id].OrderBy(r => r.ItemVersion)], [.. ofPage[item.Id].OrderBy(d => d.CreatedAt)]);
                await writer.WriteLineAsync(JsonSerializer.Serialize(line, Json));
                rows++;
            }
        }

        return rows;
    }

    private async Task<long> ItemRowsAsync(TextWriter writer, ReportPeriod period, CancellationToken cancellationToken)
    {
        await Row(writer, "id", "opd", "title", "status", "version", "submittedBy", "createdAt", "approvedAt", "firstPublishedAt", "reviewComment",
            "rejectReason", "retractedAt", "retractedBy", "retractReason", "correctsItemId", "correctedByItemId", "link");
        long rows = 0;
        await foreach (var (page, _, _) in ItemPagesAsync(period, false, false, cancellationToken))
        {
            foreach (var i in page)
            {
                await Row(writer, i.Id, i.Opd, i.Title, i.Status, i.Version, i.SubmittedBy, i.CreatedAt, i.ApprovedAt, i.FirstPublishedAt, i.ReviewComment,
                    i.RejectReason, i.RetractedAt, i.RetractedBy, i.RetractReason, i.CorrectsItemId, i.CorrectedByItemId, i.Link);
                rows++;
            }
        }

        return rows;
    }

    private async Task<long> VersionRowsAsync(TextWriter writer, ReportPeriod period, CancellationToken cancellationToken)
    {
        await Row(writer, "itemId", "number", "itemVersion", "kind", "by", "at", "title", "body", "link", "mediaIds", "cause");
        long rows = 0;
        await foreach (var (page, _, versions) in ItemPagesAsync(period, false, true, cancellationToken))
        {
            foreach (var item in page)
            {
                var number = 0;
                foreach (var v in versions[item.Id].OrderBy(r => r.ItemVersion))
                {
                    await Row(writer, v.ItemId, ++number, v.ItemVersion, v.Kind, v.By, v.At, v.Title, v.Body, v.Link, string.Join(' ', v.MediaIds), v.Cause);
                    rows++;
                }
            }
        }

        return rows;
    }

    private async Task<long> DeliveryRowsAsync(TextWriter writer, ReportPeriod period, CancellationToken cancellationToken)
    {
        await Row(writer, "id", "itemId", "accountId", "platform", "status", "remotePostId", "permalink", "scheduledAt", "publishedAt", "attempts",
            "removedAt", "removalConfirmedBy", "error");
        long rows = 0;
        await foreach (var (page, ofPage, _) in ItemPagesAsync(period, true, false, cancellationToken))
        {
            foreach (var d in page.SelectMany(i => ofPage[i.Id].OrderBy(d => d.CreatedAt)))
            {
                await Row(writer, d.Id, d.ItemId, d.AccountId, d.Platform, d.Status, d.RemotePostId, d.Permalink, d.ScheduledAt, d.PublishedAt, d.Attempts,
                    d.RemovedAt, d.RemovalConfirmedBy, d.Error);
                rows++;
            }
        }

        return rows;
    }

    private async Task<long> AuditLinesAsync(TextWriter writer, ReportPeriod period, CancellationToken cancellationToken)
    {
        long rows = 0;
        await foreach (var entry in AuditAsync(period, cancellationToken))
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(entry, Json));
            rows++;
        }

        return rows;
    }

    private async Task<long> AuditRowsAsync(TextWriter writer, ReportPeriod period, Func<AuditEntry, bool> include, CancellationToken cancellationToken)
    {
        await Row(writer, "id", "at", "actor", "action", "objectType", "objectId", "detail");
        long rows = 0;
        await foreach (var e in AuditAsync(period, cancellationToken))
        {
            if (include(e))
            {
                await Row(writer, e.Id, e.At, e.Actor, e.Action, e.ObjectType, e.ObjectId, e.Detail);
                rows++;
            }
        }

        return rows;
    }

    private static Task Row(TextWriter writer, params object?[] cells) =>
        writer.WriteAsync(string.Join(',', cells.Select(CsvWriter.Field)) + "\r\n");

    /// <summary>One line of <c>items.jsonl</c>: the item as stored, with every version of its content and its deliveries.</summary>
    private sealed record ItemRecord(Item Item, IReadOnlyList<ItemRevision> Versions, IReadOnlyList<Delivery> Deliveries);

    private sealed record ItemPage(IReadOnlyList<Item> Items, ILookup<string, Delivery> Deliveries, ILookup<string, ItemRevision> Versions);
}
