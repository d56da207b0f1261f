using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>LiteDB's duplicate-key failure as the <see cref="DuplicateKeyException"/> every provider throws.</summary>
internal static class LiteDbDuplicates
{
    public static async Task<T> RefusedAsDuplicate<T>(Task<T> write)
    {
        try
        {
            return await write;
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            throw new DuplicateKeyException(ex.Message, ex);
        }
    }

    public static void RefusedAsDuplicate(Action write)
    {
        try
        {
            write();
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            throw new DuplicateKeyException(ex.Message, ex);
        }
    }
}
