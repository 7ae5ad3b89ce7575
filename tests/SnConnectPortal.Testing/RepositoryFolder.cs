namespace SnConnectPortal.Testing;

/// <summary>The checkout that the running tests or benchmark were built from: the folder of SnConnectPortal.sln.</summary>
public static class RepositoryFolder
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SnConnectPortal.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No SnConnectPortal.sln above {AppContext.BaseDirectory}.");
    }
}
