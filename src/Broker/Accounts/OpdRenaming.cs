using Broker.Api;
using Broker.Audit;
using Broker.Storage;

namespace Broker.Accounts;

/// <summary>Renames an OPD by compare-and-set on its version: the API's and the OPD page's rule.</summary>
public sealed class OpdRenaming(IOpdStore opds, Auditor audit)
{
    /// <summary>The renamed OPD; or problems per field; or not found; or (none of these) a lost race.</summary>
    public sealed record Outcome(Opd? Opd, FieldErrors? Errors, bool Found);

    public async Task<Outcome> RenameAsync(string code, string? name, long? version, string actor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Text("name", name, 200);
        if (version is null or < 0)
        {
            errors.Add("version", MessageCodes.FieldRequired, "version is required: the version of the OPD you read (GET /api/opds/{code}).");
        }

        if (errors.Any)
        {
            return new Outcome(null, errors, true);
        }

        if (await opds.GetAsync(code, cancellationToken) is not { } opd)
        {
            return new Outcome(null, null, false);
        }

        if (!await opds.TryRenameAsync(code, version!.Value, name!.Trim(), cancellationToken))
        {
            return new Outcome(null, null, true);
        }

        await audit.RecordAsync(actor, "opd.renamed", "opd", code, $"{opd.Name} → {name.Trim()}", cancellationToken);
        return new Outcome(await opds.GetAsync(code, cancellationToken), null, true);
    }
}
