using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Xml.Linq;
using TeamsRemediation.Demo;
using TeamsRemediation.Tests.Repair;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Module
{
    /// <summary>
    /// Results saved with Export-Clixml (or sent through remoting) and read back keep their enum properties as the names
    /// the admin filters on: `Import-Clixml ... | Where-Object Status -eq Fail` finds what the live objects found.
    /// </summary>
    public sealed class SavedOutputTests
    {
        private static string ModuleFolder => Path.GetDirectoryName(ModuleSession.ManifestPath)!;

        [Fact]
        public void SavedFindingsFilterByStatusNameAsTheLiveOnesDo()
        {
            using var s = new SimulatedSession();
            BrokenPc.Healthy(s);
            BrokenPc.TlsOff(s);
            var file = Path.Combine(s.Machine.RootFolder, "findings.xml");
            s.Run("Test-TeamsCaa20002 -SkipNetwork | Export-Clixml -Path $args[0]", file);
            const string Saved = "$saved = Import-Clixml -Path $args[0]; ";

            var live = s.Run("Test-TeamsCaa20002 -SkipNetwork | Where-Object Status -eq Fail | ForEach-Object CheckId");
            var saved = s.Run(Saved + "$saved | Where-Object Status -eq Fail | ForEach-Object CheckId", file);
            var status = s.Run(Saved + "$saved[0].Status.GetType().Name", file);

            Assert.Contains("Tls.Schannel", live.Output.Select(o => o.ToString()));
            Assert.Equal(live.Output.Select(o => o.ToString()), saved.Output.Select(o => o.ToString()));
            Assert.Equal("String", Assert.Single(status.Output).ToString());
        }

        [Fact]
        public void EveryEnumOfTheOutputIsSerializedByName()
        {
            var declared = XDocument.Load(Path.Combine(ModuleFolder, "TeamsRemediation.Types.ps1xml")).Root!.Elements("Type")
                .Where(t => (string?)t.Element("Members")?.Element("MemberSet")?.Element("Members")?.Elements("NoteProperty")
                    .FirstOrDefault(n => (string?)n.Element("Name") == "SerializationMethod")?.Element("Value") == "String")
                .Select(t => (string)t.Element("Name")!).OrderBy(n => n, StringComparer.Ordinal).ToList();

            Assert.Equal(OutputEnums(), declared);
        }

        /// <summary>The enums of the public properties of every type a cmdlet declares as its output.</summary>
        private static string[] OutputEnums()
        {
            var module = Assembly.LoadFrom(Path.Combine(ModuleFolder, "TeamsRemediation.dll"));
            return module.GetExportedTypes()
                .SelectMany(t => t.GetCustomAttributes<OutputTypeAttribute>())
                .SelectMany(a => a.Type)
                .Select(t => t.Type)
                .Where(t => t != null && t.Assembly != typeof(object).Assembly)
                .SelectMany(t => t!.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                .Select(p => p.PropertyType.IsArray ? p.PropertyType.GetElementType()! : p.PropertyType)
                .Select(t => Nullable.GetUnderlyingType(t) ?? t)
                .Where(t => t.IsEnum)
                .Select(t => t.FullName!)
                .Distinct()
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToArray();
        }
    }
}
