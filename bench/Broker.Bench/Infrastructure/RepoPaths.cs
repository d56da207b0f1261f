namespace Broker.Bench.Infrastructure;

/// <summary>Where the checkout and the broker's build output are, found from this program's own build output.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Templates => Path.Combine(Root, "templates");

    /// <summary>bench/Broker.Bench/bin/{Configuration}/{framework} → src/Broker/bin/{Configuration}/{framework}/Broker.dll.</summary>
    public static string BrokerDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(Root, "src", "Broker", "bin", here.Parent!.Name, here.Name, "Broker.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"The broker's build output is missing: {dll}. Run the suite with `dotnet run --project bench/Broker.Bench -c Release`, which builds it.");
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Broker.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("Broker.sln not found above " + AppContext.BaseDirectory);
    }
}
