using Broker.Api;
using Broker.Storage;

namespace Broker.Access;

/// <summary>Checks what binds a new user: an OPD admin to an existing OPD, an ASN to an 18-digit NIP.</summary>
public sealed class UserDirectory(IOpdStore opds, IAsnStore directory)
{
    /// <summary>Adds the problems to <paramref name="errors"/>; returns the OPD the user is bound to, if any.</summary>
    public async Task<string?> CheckScopeAsync(FieldErrors errors, UserRole? role, string? opd, string? asnNip, CancellationToken cancellationToken)
    {
        switch (role)
        {
            case UserRole.OpdAdmin:
                if (string.IsNullOrWhiteSpace(opd))
                {
                    errors.Add("opd", MessageCodes.UserOpdRequired, "An opdAdmin is bound to one OPD: opd is required.");
                }
                else if (await opds.GetAsync(opd, cancellationToken) is null)
                {
                    errors.Add("opd", MessageCodes.UnknownOpd, $"There is no OPD '{opd}'.", ("opd", opd));
                }

                return opd;
            case UserRole.Asn:
                if (string.IsNullOrWhiteSpace(asnNip))
                {
                    errors.Add("asnNip", MessageCodes.UserNipRequired, "An asn user is bound to one ASN record: asnNip is required.");
                }
                else if (!Nip.IsWellFormed(asnNip))
                {
                    errors.Add("asnNip", MessageCodes.UserNipFormat, "asnNip must be an 18-digit NIP.");
                }
                else if (await directory.GetAsync(asnNip, cancellationToken) is not { Active: true } asn)
                {
                    errors.Add("asnNip", MessageCodes.UserNoAsn, $"There is no active ASN with NIP {asnNip}; add them with POST /api/asn first.", ("nip", asnNip));
                }
                else
                {
                    return asn.Opd;
                }

                return null;
            case null:
                return null;
            default:
                if (!string.IsNullOrEmpty(opd))
                {
                    errors.Add("opd", MessageCodes.UserOpdNotAllowed, "Only opdAdmin users are bound to an OPD.");
                }

                if (!string.IsNullOrEmpty(asnNip))
                {
                    errors.Add("asnNip", MessageCodes.UserNipNotAllowed, "Only asn users are bound to an ASN record.");
                }

                return null;
        }
    }
}
