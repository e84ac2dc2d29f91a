using System;
using System.Collections;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TeamsRemediation.Demo;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Module
{
    /// <summary>
    /// The release package as build.ps1 -Task Package makes it (the PackModule MSBuild target), checked against the
    /// manifest without PowerShellGet: a .nupkg is a zip with the nuspec and the module files at its root.
    /// </summary>
    public sealed class ModulePackageTests
    {
        private static readonly XNamespace Nuspec = "http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd";

        private static string ModuleFolder => Path.GetDirectoryName(ModuleSession.ManifestPath)!;

        private static string RepoRoot => Path.GetFullPath(Path.Combine(ModuleFolder, "..", ".."));

        private static void Pack(TempFolder temp)
        {
            var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
            var start = new ProcessStartInfo(dotnet)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "msbuild", Path.Combine(RepoRoot, "src", "TeamsRemediation", "TeamsRemediation.csproj"), "-t:PackModule", "-nologo",
                    "-nodeReuse:false",
                "-p:ModulePackageDir=" + temp.Combine("out") + Path.DirectorySeparatorChar,
                "-p:ModulePackageStagingDir=" + temp.Combine("staging") + Path.DirectorySeparatorChar,
            })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "PackModule failed: " + stdout.Result + stderr);
            Assert.False(Directory.Exists(temp.Combine("staging")), "The staging folder is left behind.");
        }

        private static PSModuleInfo Manifest(string path)
        {
            using var s = new SimulatedSession();
            return (PSModuleInfo)Assert.Single(s.Shell.Invoke("Test-ModuleManifest -Path $args[0] -ErrorAction Stop", path)).BaseObject;
        }

        private static string[] ModuleFiles() =>
            Directory.GetFiles(ModuleFolder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(ModuleFolder,
                f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal).ToArray();

        private static string Normalized(object? text) => Regex.Replace(text?.ToString() ?? string.Empty, @"\s+", " ").Trim();

        [Fact]
        public void TheNupkgHoldsTheModuleAtItsRootAndANuspecWrittenFromTheManifest()
        {
            using var temp = new TempFolder();
            Pack(temp);
            var manifest = Manifest(ModuleSession.ManifestPath);
            var psData = (Hashtable)((Hashtable)manifest.PrivateData)["PSData"]!;
            var package = temp.Combine("out", "TeamsRemediation." + manifest.Version.ToString(3) + ".nupkg");

            using var zip = ZipFile.OpenRead(package);
            var entries = zip.Entries.Select(e => e.FullName).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            Assert.All(entries, e => Assert.DoesNotContain("\\", e));
            var expected = ModuleFiles().Concat(new[] { "TeamsRemediation.nuspec", "[Content_Types].xml" }).OrderBy(f => f, StringComparer.Ordinal);
            Assert.Equal(expected, entries);

            XElement metadata;
            using (var stream = zip.GetEntry("TeamsRemediation.nuspec")!.Open())
            {
                metadata = XDocument.Load(stream).Root!.Element(Nuspec + "metadata")!;
            }

            string Field(string name) => metadata.Element(Nuspec + name)?.Value ?? throw new Xunit.Sdk.XunitException("The nuspec has no <"
                + name + ">.");
            Assert.Equal(manifest.Name, Field("id"));
            Assert.Equal(manifest.Version.ToString(3), Field("version"));
            Assert.Equal(manifest.Author, Field("authors"));
            Assert.Equal(manifest.Description, Field("description"));
            Assert.Equal(manifest.Copyright, Field("copyright"));
            Assert.Equal(psData["ProjectUri"]!.ToString(), Field("projectUrl"));
            // The license as an SPDX expression, not the deprecated licenseUrl, and the LICENSE file itself at the package root.
            var license = Assert.Single(metadata.Elements(Nuspec + "license"));
            Assert.Equal("expression", license.Attribute("type")?.Value);
            Assert.Equal("MIT", license.Value);
            Assert.Null(metadata.Element(Nuspec + "licenseUrl"));
            using (var reader = new StreamReader(zip.GetEntry("LICENSE")!.Open()))
            {
                Assert.Equal(File.ReadAllText(Path.Combine(RepoRoot, "LICENSE")), reader.ReadToEnd());
            }

            string contentTypes;
            using (var reader = new StreamReader(zip.GetEntry("[Content_Types].xml")!.Open()))
            {
                contentTypes = reader.ReadToEnd();
            }

            Assert.Contains("<Override PartName=\"/LICENSE\" ContentType=\"application/octet\" />", contentTypes);
            Assert.Equal(Normalized(psData["ReleaseNotes"]), Normalized(Field("releaseNotes")));

            var tags = Field("tags").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("PSModule", tags);
            Assert.Contains("PSIncludes_Cmdlet", tags);
            Assert.DoesNotContain("PSIncludes_Function", tags);
            Assert.All(((object[])psData["Tags"]!).Cast<string>(), t => Assert.Contains(t, tags));
            Assert.Equal(9, manifest.ExportedCmdlets.Count);
            Assert.All(manifest.ExportedCmdlets.Keys, c => Assert.Contains("PSCmdlet_" + c, tags));
            var cmdletTags = tags.Where(t => t.StartsWith("PSCmdlet_")).Select(t => t.Substring("PSCmdlet_".Length)).OrderBy(c => c);
            Assert.Equal(manifest.ExportedCmdlets.Keys.OrderBy(c => c), cmdletTags);

            // What Install-PSResource unpacks is itself a valid module.
            var installed = Directory.CreateDirectory(temp.Combine("installed", "TeamsRemediation")).FullName;
            zip.ExtractToDirectory(installed);
            var unpacked = Manifest(Path.Combine(installed, "TeamsRemediation.psd1"));
            Assert.Equal(manifest.Version, unpacked.Version);
            Assert.Equal(manifest.ExportedCmdlets.Keys.OrderBy(c => c), unpacked.ExportedCmdlets.Keys.OrderBy(c => c));
        }

        [Fact]
        public void TheZipHoldsTheModuleFolderToCopyIntoModules()
        {
            using var temp = new TempFolder();
            Pack(temp);
            var version = Manifest(ModuleSession.ManifestPath).Version.ToString(3);

            using var zip = ZipFile.OpenRead(temp.Combine("out", "TeamsRemediation-" + version + ".zip"));

            Assert.Equal(ModuleFiles().Select(f => "TeamsRemediation/" + f), zip.Entries.Select(e => e.FullName).OrderBy(f => f,
                StringComparer.Ordinal));
            // W7: the helper scripts Windows PowerShell runs with -File are in the package, in the module's Scripts folder.
            Assert.All(TeamsRemediation.Windows.ShippedScriptHashes.Sha256.Keys, script =>
                Assert.Contains(zip.Entries, e => e.FullName == "TeamsRemediation/Scripts/" + script));
            // W20: the session launcher the user-session task starts, beside the dlls (where the module looks for it).
            Assert.Contains(zip.Entries, e => e.FullName == "TeamsRemediation/" + TeamsRemediation.Windows.ShippedLauncher.FileName);
        }

        [Fact]
        public void TheLicenseTheManifestPointsAtExistsAndTheChangelogHasThisVersion()
        {
            var manifest = Manifest(ModuleSession.ManifestPath);
            var licenseUri = ((Hashtable)((Hashtable)manifest.PrivateData)["PSData"]!)["LicenseUri"]!.ToString()!;
            var license = File.ReadAllText(Path.Combine(RepoRoot, licenseUri.Substring(licenseUri.LastIndexOf('/') + 1)));
            Assert.StartsWith("MIT License", license);
            Assert.EndsWith("/blob/main/LICENSE", licenseUri);

            var changelog = File.ReadAllLines(Path.Combine(RepoRoot, "CHANGELOG.md"));
            Assert.Contains("## " + manifest.Version.ToString(3), changelog);
        }
    }
}
