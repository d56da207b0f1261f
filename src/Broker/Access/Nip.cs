namespace Broker.Access;

/// <summary>NIP (Nomor Induk Pegawai): a civil servant's 18-digit employee number.</summary>
public static class Nip
{
    public const int Length = 18;

    public static bool IsWellFormed(string? value) => value is { Length: Length } && value.All(char.IsAsciiDigit);
}
