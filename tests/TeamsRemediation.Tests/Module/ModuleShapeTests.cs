using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;
using TeamsRemediation.Demo;
using TeamsRemediation.Inventory;
using TeamsRemediation.Journal;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Tls;
using Xunit;

namespace TeamsRemediation.Tests.Module
{
    /// <summary>The built module as Windows PowerShell and PowerShell 7 will see it.</summary>
    public sealed class ModuleShapeTests
    {
        private static string ModuleFolder => Path.GetDirectoryName(ModuleSession.ManifestPath)!;

        private static Assembly ModuleAssembly => Assembly.LoadFrom(Path.Combine(ModuleFolder, "TeamsRemediation.dll"));

        private static Type[] CmdletTypes => ModuleAssembly.GetExportedTypes().Where(t => t.GetCustomAttribute<CmdletAttribute>() != null).ToArray();

        [Fact]
        public void TheBuildLaysOutTheWholeModuleAndNothingElse()
        {
            var files = Directory.GetFiles(ModuleFolder, "*",
                SearchOption.AllDirectories).Select(f => Path.GetRelativePath(ModuleFolder, f).Replace('\\', '/')).ToList();

            Assert.Contains("TeamsRemediation.psd1", files);
            Assert.Contains("en-US/TeamsRemediation.dll-Help.xml", files);
            Assert.Contains("en-US/about_TeamsRemediation.help.txt", files);
            // Two dlls and no more: nothing that could clash with another module's copy in the same session.
            Assert.Equal(new[] { "TeamsRemediation.Core.dll", "TeamsRemediation.dll" },
                files.Where(f => f.EndsWith(".dll")).OrderBy(f => f, StringComparer.Ordinal));
            // One program and no more (W20): the session launcher the user-session task starts, beside the dll that checks its hash.
            // Its .exe.config is not shipped: the CLR version in the program's header is all it needs.
            Assert.Equal(new[] { "TeamsRemediation.SessionLauncher.exe" }, files.Where(f => f.EndsWith(".exe") || f.EndsWith(".config")));
        }

        [Fact]
        public void TheShippedCoreHasNoSimulatedPcAndNoPublicWayToAttachAMachine()
        {
            var core = Assembly.LoadFrom(Path.Combine(ModuleFolder, "TeamsRemediation.Core.dll"));
            var types = core.GetTypes();
            var hook = Assert.Single(types, t => t.FullName == "TeamsRemediation.Platform.MachineHook");

            Assert.False(hook.IsPublic, "MachineHook is public: any script could point the module at a machine of its own.");
            Assert.DoesNotContain(types, t => t.Namespace == "TeamsRemediation.Simulation");
            Assert.Contains(types, t => t.IsPublic && t.Namespace == "TeamsRemediation.Platform");
            var friends = core.GetCustomAttributes<System.Runtime.CompilerServices.InternalsVisibleToAttribute>()
                .Select(a => a.AssemblyName).OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(new[] { "TeamsRemediation", "TeamsRemediation.Simulation", "TeamsRemediation.Tests" }, friends);
        }

        [Fact]
        public void TheBuildLaysOutTheSimulatedPcBesideTheModule()
        {
            var laidOut = Path.GetFullPath(Path.Combine(ModuleFolder, "..", "simulation", "TeamsRemediation.Simulation.dll"));
            var built = typeof(SimulatedPc).Assembly.Location;

            Assert.True(File.Exists(laidOut), laidOut + " is missing: the build lays out the simulated PC in out/simulation.");
            Assert.Equal(File.ReadAllBytes(built), File.ReadAllBytes(laidOut));
            Assert.Equal(new[] { "TeamsRemediation.Simulation.dll" }, Directory.GetFiles(Path.GetDirectoryName(laidOut)!).Select(Path.GetFileName));
        }

        [Fact]
        public void AScriptAttachesTheSimulatedPcToItsRunspaceAsThePesterSuitesDo()
        {
            using var session = new ModuleSession(machine: null);
            var output = session.Invoke(
                "$pc = [TeamsRemediation.Simulation.SimulatedPc]::Create('PC07'); $pc.Machine.AttachTo([runspace]::DefaultRunspace); " +
                "[void]$pc.AddUser('alice', $true, $true, 'CONTOSO', [NullString]::Value).InstallNewTeams('25122.1.2.3'); Get-TeamsInstallation; " +
                "[TeamsRemediation.Simulation.SimulatedMachine]::DetachFrom([runspace]::DefaultRunspace); $pc.Machine.Dispose(); " +
                "[System.IO.Directory]::Exists($pc.Machine.RootFolder)");

            var found = output.Take(output.Count - 1).Select(o => Assert.IsType<TeamsInstallation>(o.BaseObject)).ToList();
            var newTeams = Assert.Single(found, i => i.Client == TeamsClient.New);
            Assert.Equal("PC07", newTeams.ComputerName);
            Assert.Equal(@"CONTOSO\alice", newTeams.User);
            Assert.Equal("25122.1.2.3", newTeams.Version);
            Assert.Equal(false, output[output.Count - 1].BaseObject);
            var support = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Pester", "PesterSupport.ps1"));
            Assert.Contains("'../../out/simulation/TeamsRemediation.Simulation.dll'", support);
            Assert.Contains("$pc.Machine.AttachTo([runspace]::DefaultRunspace)", support);
        }

        [Fact]
        public void TheManifestPassesTestModuleManifestAndIsStampedWithTheAssemblyVersion()
        {
            using var session = new SimulatedSession();
            var manifest = Assert.Single(session.Shell.Invoke("Test-ModuleManifest -Path $args[0] -ErrorAction Stop", ModuleSession.ManifestPath));
            var info = (PSModuleInfo)manifest.BaseObject;

            Assert.Equal(ModuleAssembly.GetName().Version!.ToString(3), info.Version.ToString(3));
            Assert.Equal(new[] { "Core", "Desktop" }, info.CompatiblePSEditions.OrderBy(e => e));
            Assert.Equal(new Version(5, 1), info.PowerShellVersion);
            Assert.Equal(new Version(4, 7, 2), info.DotNetFrameworkVersion);
            Assert.Empty(info.ExportedFunctions);
            Assert.Empty(info.ExportedAliases);
            Assert.Empty(info.ExportedVariables);
            var psData = (Hashtable)((Hashtable)info.PrivateData)["PSData"]!;
            var tags = ((object[])psData["Tags"]!).Cast<string>().ToList();
            Assert.Contains("PSEdition_Desktop", tags);
            Assert.Contains("PSEdition_Core", tags);
            Assert.Contains("Windows", tags);
            Assert.NotNull(psData["ProjectUri"]);
            Assert.NotNull(psData["LicenseUri"]);
        }

        [Fact]
        public void TheManifestExportsExactlyTheCmdletsOfTheAssembly()
        {
            using var session = new SimulatedSession();
            var exported = session.Shell.Invoke("(Get-Module TeamsRemediation).ExportedCmdlets.Keys").Select(o => o.ToString()).OrderBy(n =>
                n).ToList();
            var inAssembly = CmdletTypes.Select(t => t.GetCustomAttribute<CmdletAttribute>()!).Select(a => a.VerbName + "-" + a.NounName).OrderBy(n =>
                n).ToList();

            Assert.NotEmpty(inAssembly);
            Assert.Equal(inAssembly, exported);
        }

        [Fact]
        public void EveryCmdletDeclaresItsOutputType()
        {
            foreach (var type in CmdletTypes)
            {
                var output = type.GetCustomAttributes<OutputTypeAttribute>().SelectMany(a => a.Type).ToList();
                Assert.True(output.Count > 0, type.Name + " has no [OutputType].");
                Assert.All(output, o => Assert.NotNull(o.Type));
            }
        }

        /// <summary>Every object type a cmdlet declares (not the plain bool and string of -Quiet and -As Line).</summary>
        [Fact]
        public void EveryOutputTypeIsReadOnlyToThePipelineAndFlat()
        {
            var outputs = CmdletTypes.SelectMany(t => t.GetCustomAttributes<OutputTypeAttribute>()).SelectMany(a => a.Type)
                .Select(t => t.Type!).Where(t => !t.IsPrimitive && t != typeof(string)).Distinct().ToList();

            Assert.Contains(typeof(TeamsCaa20002Finding), outputs);
            Assert.Contains(typeof(RestoreResult), outputs);
            foreach (var output in outputs)
            {
                var properties = output.GetProperties(BindingFlags.Public | BindingFlags.Instance);
                Assert.NotEmpty(properties);
                Assert.All(properties, p => Assert.True(p.SetMethod == null || !p.SetMethod.IsPublic, output.Name + "." + p.Name
                    + " has a public setter."));
                Assert.All(properties, p => Assert.True(p.PropertyType.IsValueType || p.PropertyType == typeof(string)
                    || p.PropertyType == typeof(string[]),
                    output.Name + "." + p.Name + " is not flat: " + p.PropertyType.Name + "."));
            }
        }

        [Fact]
        public void EveryFormatFileIsListedAndLoads()
        {
            var onDisk = Directory.GetFiles(ModuleFolder, "*.Format.ps1xml").Select(f => Path.GetFileName(f)).OrderBy(n => n).ToList();
            using var session = new SimulatedSession();
            var listed = session.Shell.Invoke("(Test-ModuleManifest -Path $args[0]).ExportedFormatFiles",
                ModuleSession.ManifestPath).Select(o => Path.GetFileName(o.ToString())).OrderBy(n => n).ToList();

            Assert.Equal(onDisk, listed);
        }

        [Fact]
        public void EveryCmdletHasHelpWithASynopsisAndAnExample()
        {
            using var session = new SimulatedSession();
            foreach (var name in CmdletTypes.Select(t => t.GetCustomAttribute<CmdletAttribute>()!).Select(a => a.VerbName + "-" + a.NounName))
            {
                var help = Assert.Single(session.Shell.Invoke("Get-Help -Name $args[0] -Full", name));
                var synopsis = help.Properties["Synopsis"].Value?.ToString() ?? string.Empty;
                Assert.False(string.IsNullOrWhiteSpace(synopsis) || synopsis.Trim().StartsWith(name, StringComparison.OrdinalIgnoreCase),
                    name + " has no synopsis in en-US/TeamsRemediation.dll-Help.xml.");
                Assert.NotNull(help.Properties["examples"]?.Value);
            }
        }

        [Fact]
        public void EveryPesterFileParses()
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "Pester");
            var files = Directory.GetFiles(folder, "*.ps1", SearchOption.AllDirectories);
            Assert.NotEmpty(files);
            foreach (var file in files)
            {
                Parser.ParseFile(file, out _, out var errors);
                Assert.True(errors.Length == 0, file + ": " + string.Join("; ", errors.Select(e => e.Extent.StartLineNumber + ": " + e.Message)));
            }
        }
    }
}
