#:property PublishAot=false
// Copies the embedded resource "_framework/blazor.web.js" out of an assembly.
// Usage: dotnet run --file build/ExtractBlazorScript.cs -- <assembly.dll> <target.js>
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

const string ResourceName = "_framework/blazor.web.js";

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ExtractBlazorScript <assembly.dll> <target.js>");
    return 2;
}

using var stream = File.OpenRead(args[0]);
using var pe = new PEReader(stream);
var metadata = pe.GetMetadataReader();
foreach (var handle in metadata.ManifestResources)
{
    var resource = metadata.GetManifestResource(handle);
    if (metadata.GetString(resource.Name) != ResourceName || !resource.Implementation.IsNil)
    {
        continue;
    }

    var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
    var section = pe.GetSectionData(directory.RelativeVirtualAddress);
    var reader = section.GetReader();
    reader.Offset = (int)resource.Offset;
    var length = reader.ReadInt32();
    var bytes = reader.ReadBytes(length);

    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[1]))!);
    var temporary = args[1] + ".tmp";
    File.WriteAllBytes(temporary, bytes);
    File.Move(temporary, args[1], overwrite: true);
    Console.WriteLine($"Extracted {ResourceName} ({bytes.Length:N0} bytes) to {args[1]}");
    return 0;
}

Console.Error.WriteLine($"{ResourceName} is not an embedded resource of {args[0]}");
return 1;
