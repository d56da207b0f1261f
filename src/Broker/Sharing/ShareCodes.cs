using System.Buffers;
using System.Security.Cryptography;

namespace Broker.Sharing;

/// <summary>
/// Short link codes: 10 characters of [0-9A-Za-z] drawn by a cryptographic generator, about 59.5 bits, so codes cannot
/// be enumerated (at a million guesses a second, finding one of a million links takes years).
/// </summary>
public static class ShareCodes
{
    public const int Length = 10;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static readonly SearchValues<char> Characters = SearchValues.Create(Alphabet);

    public static string Create() => new(RandomNumberGenerator.GetItems<char>(Alphabet, Length));

    /// <summary>Exactly <see cref="Length"/> characters of the alphabet: anything else is no code and is never looked up.</summary>
    public static bool IsWellFormed(string code) => code.Length == Length && !code.AsSpan().ContainsAnyExcept(Characters);
}
