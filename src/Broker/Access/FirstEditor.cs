using Broker.Audit;
using Broker.Storage;
using Microsoft.Extensions.Options;

namespace Broker.Access;

/// <summary>
/// On first start with an empty user list, <c>BROKER_ADMIN_TOKEN</c> (environment variable or configuration key)
/// becomes the token of a first editor, who then creates everyone else through <c>POST /api/users</c>. Without it, a
/// random token is written to <c>first-editor-token</c> beside the database (owner-only permissions), never to the log.
/// </summary>
internal sealed partial class FirstEditor(
    IConfiguration configuration,
    IUserStore users,
    Auditor audit,
    IOptions<AccessOptions> options,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<FirstEditor> logger) : IHostedService
{
    public const string Variable = "BROKER_ADMIN_TOKEN";

    public const int MinimumLength = 24;

    public const string TokenFileName = "first-editor-token";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await users.AnyAsync(cancellationToken))
        {
            return;
        }

        var token = configuration[Variable];
        string? pending = null;
        if (string.IsNullOrWhiteSpace(token))
        {
            // Written (under a name of this start's own, since nodes may share the folder) before the editor is stored:
            // a crash between the two leaves a file and no editor, and the next start writes a new one; the other order
            // could leave an editor whose token nobody has.
            token = AccessTokens.Create();
            pending = Path.Combine(Folder, $"{TokenFileName}.{Guid.NewGuid():N}.tmp");
            await File.WriteAllTextAsync(pending, token + Environment.NewLine, cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(pending, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        else if (token.Trim().Length < MinimumLength)
        {
            throw new InvalidOperationException($"{Variable} must be at least {MinimumLength} characters long (for example: openssl rand -hex 32).");
        }

        var now = time.GetUtcNow();
        var editor = new User
        {
            Id = Guid.NewGuid().ToString("N"),
            Name = "admin",
            Role = UserRole.Editor,
            TokenHash = AccessTokens.Hash(token.Trim()),
            TokenExpiresAt = now + options.Value.TokenLifetime,
            CreatedBy = Auditor.System,
            CreatedAt = now,
        };

        // One atomic step on both providers: of several nodes starting on one empty database, one makes the editor.
        if (!await users.AddFirstAsync(editor, cancellationToken))
        {
            if (pending is not null)
            {
                File.Delete(pending); // its token opens nothing: another node's editor was stored first
            }

            LogAnotherNode(logger);
            return;
        }

        if (pending is not null)
        {
            var file = Path.Combine(Folder, TokenFileName);
            File.Move(pending, file, overwrite: true);
            LogTokenFile(logger, Variable, file);
        }

        await audit.RecordAsync(Auditor.System, "user.created", "user", editor.Id, "first editor", cancellationToken);
        LogCreated(logger);
    }

    private string Folder => Path.GetDirectoryName(Path.GetFullPath(storage.Value.DatabasePath))!;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "No users yet and {Variable} is not set: the first editor's token is in {File} (read it, then delete the file).")]
    private static partial void LogTokenFile(ILogger logger, string variable, string file);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Another node made the first editor at the same moment; this node made none.")]
    private static partial void LogAnotherNode(ILogger logger);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Created the first editor ('admin').")]
    private static partial void LogCreated(ILogger logger);
}
