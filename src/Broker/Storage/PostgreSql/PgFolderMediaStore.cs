using System.Buffers;
using Broker.Intake;
using Microsoft.Extensions.Options;

namespace Broker.Storage.PostgreSql;

/// <summary>
/// Photos whose bytes live in a folder every node shares (<c>Storage:MediaPath</c>, an NFS or similar mount), their
/// descriptions in the database. A file is written under a temporary name, forced to disk, then renamed into place, so
/// a reader on any node sees a whole photo or none; the description is written after its bytes, so it never names a
/// photo whose bytes are missing. A failure between the two leaves an unnamed file behind, never a broken photo.
/// </summary>
internal sealed class PgFolderMediaStore(PgDatabase database, IOptions<StorageOptions> options) : IMediaStore
{
    private const string Original = ".photo";

    private const string JpegRendition = ".jpg";

    /// <summary>Photo ids become file names: only these characters, so an id can never reach outside the folder.</summary>
    private static readonly SearchValues<char> IdCharacters = SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-");

    private readonly string folder = Path.GetFullPath(options.Value.MediaPath!);

    public async Task AddAsync(MediaRecord media, Stream content, CancellationToken cancellationToken)
    {
        await WriteAsync(PathOf(media.Id, Original), content, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await PgMediaDescriptions.AddAsync(connection, null, media, cancellationToken);
    }

    public Task<MediaRecord?> GetAsync(string id, CancellationToken cancellationToken) => PgMediaDescriptions.GetAsync(database, id, cancellationToken);

    public Task<Stream?> OpenReadAsync(string id, CancellationToken cancellationToken) => Task.FromResult(Open(id, Original));

    public Task AddJpegRenditionAsync(string id, Stream content, CancellationToken cancellationToken) =>
        WriteAsync(PathOf(id, JpegRendition), content, cancellationToken);

    public Task<Stream?> OpenJpegRenditionAsync(string id, CancellationToken cancellationToken) => Task.FromResult(Open(id, JpegRendition));

    private Stream? Open(string id, string suffix)
    {
        if (!IsSafe(id))
        {
            return null;
        }

        try
        {
            return new FileStream(PathOf(id, suffix), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static async Task WriteAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The file of a photo, in a sub-folder named by the first two characters of its id (no folder grows huge).</summary>
    private string PathOf(string id, string suffix) =>
        IsSafe(id) ? Path.Combine(folder, id[..2], id + suffix) : throw new ArgumentException($"'{id}' cannot be a photo id.", nameof(id));

    private static bool IsSafe(string id) => id.Length is >= 2 and <= 100 && !id.AsSpan().ContainsAnyExcept(IdCharacters);
}
