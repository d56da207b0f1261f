using System.Xml.Linq;
using Broker.Storage.PostgreSql;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Broker.Cluster;

/// <summary>
/// The Data Protection key ring in PostgreSQL (<c>data_protection_keys</c>), shared by every node: a cookie signed, or a
/// credential encrypted, by one node is read by any other. Data Protection's interface is synchronous, and it reads the
/// ring only at start and when its cached copy expires (about daily), so blocking calls cost nothing that matters. The
/// keys are stored unencrypted, as on the file system: the database's access rules and backups protect them.
/// </summary>
internal sealed class PgXmlRepository(PgDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.DataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys ORDER BY created_at, name", connection);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        // Two nodes that find no key at the same start each make one: both are kept, and both decrypt everywhere.
        using var connection = database.DataSource.OpenConnection();
        using var command = new NpgsqlCommand("INSERT INTO data_protection_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO NOTHING", connection);
        command.Parameters.AddWithValue("name", string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString() : friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
