using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TeamsRemediation.Demo;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Module
{
    /// <summary>
    /// The MAML help against what the engine knows about each cmdlet (CmdletInfo, ParameterMetadata): every
    /// parameter with its pipeline input, wildcards, position, required flag, type, aliases and default; INPUTS for
    /// every pipeline parameter; at least two examples with a title that stands apart; an online link.
    /// </summary>
    public sealed class HelpContractTests
    {
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        private static string ModuleFolder => Path.GetDirectoryName(ModuleSession.ManifestPath)!;

        private static XDocument Help => XDocument.Load(Path.Combine(ModuleFolder, "en-US", "TeamsRemediation.dll-Help.xml"));

        private static List<CmdletInfo> Cmdlets(SimulatedSession s) =>
            s.Shell.Invoke("Get-Command -Module TeamsRemediation -CommandType Cmdlet").Select(o => (CmdletInfo)o.BaseObject).ToList();

        private static XElement CommandHelp(string name) =>
            Assert.Single(Help.Root!.Elements(Command + "command"), c => c.Element(Command + "details")!.Element(Command + "name")!.Value == name);

        private static Dictionary<string, XElement> DocumentedParameters(XElement help) =>
            help.Element(Command + "parameters")!.Elements(Command + "parameter").ToDictionary(p => p.Element(Maml + "name")!.Value);

        private static IEnumerable<ParameterMetadata> OwnParameters(CmdletInfo cmdlet) =>
            cmdlet.Parameters.Values.Where(p => !Cmdlet.CommonParameters.Contains(p.Name));

        private static string PipelineInput(ParameterMetadata parameter)
        {
            var sets = parameter.ParameterSets.Values.ToList();
            var kinds = new List<string>();
            if (sets.Any(s => s.ValueFromPipeline))
            {
                kinds.Add("ByValue");
            }

            if (sets.Any(s => s.ValueFromPipelineByPropertyName))
            {
                kinds.Add("ByPropertyName");
            }

            return kinds.Count == 0 ? "False" : "True (" + string.Join(", ", kinds) + ")";
        }

        private static string Position(ParameterMetadata parameter)
        {
            var positions = parameter.ParameterSets.Values.Select(s => s.Position).Where(p => p >= 0).Distinct().ToList();
            return positions.Count == 0 ? "named" : Assert.Single(positions).ToString();
        }

        [Fact]
        public void EveryParameterIsDocumentedWithWhatTheEngineBinds()
        {
            using var s = new SimulatedSession();
            var cmdlets = Cmdlets(s);
            Assert.Equal(9, cmdlets.Count);
            foreach (var cmdlet in cmdlets)
            {
                var documented = DocumentedParameters(CommandHelp(cmdlet.Name));
                Assert.Equal(OwnParameters(cmdlet).Select(p => p.Name).OrderBy(n => n), documented.Keys.OrderBy(n => n));
                foreach (var parameter in OwnParameters(cmdlet))
                {
                    var doc = documented[parameter.Name];
                    var what = cmdlet.Name + " -" + parameter.Name;
                    Assert.True(PipelineInput(parameter) == (string?)doc.Attribute("pipelineInput"), what + ": pipelineInput");
                    Assert.True(Position(parameter) == (string?)doc.Attribute("position"), what + ": position");
                    var required = parameter.ParameterSets.Values.Any(p => p.IsMandatory);
                    Assert.True(required.ToString().ToLowerInvariant() == (string?)doc.Attribute("required"), what + ": required");
                    var wildcards = parameter.Attributes.OfType<SupportsWildcardsAttribute>().Any();
                    Assert.True(wildcards.ToString().ToLowerInvariant() == (string?)doc.Attribute("globbing"), what + ": globbing");
                    var aliases = parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases);
                    Assert.True(aliases == (string?)doc.Attribute("aliases"), what + ": aliases");
                    Assert.False(string.IsNullOrWhiteSpace(doc.Element(Maml + "description")?.Value), what + ": description");
                    if (parameter.SwitchParameter)
                    {
                        Assert.Null(doc.Element(Command + "parameterValue"));
                    }
                    else
                    {
                        // An optional enum whose absence means "let the machine decide" is bound as Nullable<T>: the help names T.
                        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
                        Assert.True(type.Name == doc.Element(Command + "parameterValue")?.Value, what + ": type");
                    }
                }
            }
        }

        [Fact]
        public void EveryDefaultValueIsDocumentedAndMatchesTheCmdlet()
        {
            using var s = new SimulatedSession();
            foreach (var cmdlet in Cmdlets(s))
            {
                var documented = DocumentedParameters(CommandHelp(cmdlet.Name));
                var instance = Activator.CreateInstance(cmdlet.ImplementingType)!;
                foreach (var parameter in OwnParameters(cmdlet))
                {
                    var what = cmdlet.Name + " -" + parameter.Name;
                    var documentedDefault = documented[parameter.Name].Element(Dev + "defaultValue")?.Value;
                    Assert.False(string.IsNullOrWhiteSpace(documentedDefault), what + " has no default value in the help.");
                    var property = cmdlet.ImplementingType.GetProperty(parameter.Name, BindingFlags.Public | BindingFlags.Instance);
                    var value = property?.GetValue(instance);
                    if (parameter.SwitchParameter)
                    {
                        Assert.True(documentedDefault == "False", what + ": a switch is off unless given.");
                    }
                    else if (value != null && !(value is DateTime time && time == default))
                    {
                        // A real default (an enum member, a number) is shown exactly; a computed one (null, an unset date) is described.
                        Assert.True(value.ToString() == documentedDefault, what + ": default " + value + ", documented " + documentedDefault);
                    }
                }
            }
        }

        [Fact]
        public void InputsNameEveryParameterBoundFromThePipeline()
        {
            using var s = new SimulatedSession();
            foreach (var cmdlet in Cmdlets(s))
            {
                var inputTypes = CommandHelp(cmdlet.Name).Element(Command + "inputTypes");
                var inputs = inputTypes?.Elements(Command + "inputType").ToList() ?? new List<XElement>();
                var piped = OwnParameters(cmdlet).Where(p => PipelineInput(p) != "False").ToList();
                Assert.True(piped.Count > 0, cmdlet.Name + " takes nothing from the pipeline: the INPUTS check would be empty.");
                Assert.True(inputs.Count > 0, cmdlet.Name + " has no INPUTS.");
                foreach (var parameter in piped)
                {
                    var type = parameter.ParameterType.IsArray ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
                    var input = inputs.FirstOrDefault(i => i.Element(Dev + "type")!.Element(Maml + "name")!.Value == type.FullName);
                    Assert.True(input != null, cmdlet.Name + ": INPUTS lacks " + type.FullName + " for -" + parameter.Name);
                    var description = input!.Element(Maml + "description")!.Value;
                    Assert.Contains("-" + parameter.Name, description);
                    if (PipelineInput(parameter).Contains("ByPropertyName"))
                    {
                        Assert.Contains("property name", description);
                    }

                    if (PipelineInput(parameter).Contains("ByValue"))
                    {
                        Assert.Contains("by value", description);
                    }
                }
            }
        }

        [Fact]
        public void EveryCmdletHasTwoExamplesWithTitlesThatStandApart()
        {
            using var s = new SimulatedSession();
            foreach (var cmdlet in Cmdlets(s))
            {
                var examples = CommandHelp(cmdlet.Name).Element(Command + "examples")!.Elements(Command + "example").ToList();
                Assert.True(examples.Count >= 2, cmdlet.Name + " has fewer than two examples.");
                for (var i = 0; i < examples.Count; i++)
                {
                    var title = examples[i].Element(Maml + "title")!.Value;
                    // Get-Help prints the title right after the previous example's remarks: the rule of dashes sets it apart.
                    Assert.Matches("^-{10} Example " + (i + 1) + ": .+ -{10}$", title);
                    var example = cmdlet.Name + " example " + (i + 1);
                    Assert.False(string.IsNullOrWhiteSpace(examples[i].Element(Dev + "code")?.Value), example + " has no code.");
                    Assert.False(string.IsNullOrWhiteSpace(examples[i].Element(Dev + "remarks")?.Value), example + " has no remarks.");
                }
            }
        }

        [Fact]
        public void TheOnlineLinkIsTheCmdletsHelpUriAndAReadmeSection()
        {
            var readme = File.ReadAllText(Path.Combine(ModuleFolder, "..", "..", "README.md"));
            var anchors = Regex.Matches(readme, "^#+ (.+)$", RegexOptions.Multiline).Select(m => GitHubAnchor(m.Groups[1].Value.Trim())).ToList();
            using var s = new SimulatedSession();
            foreach (var cmdlet in Cmdlets(s))
            {
                var helpUri = new CommandMetadata(cmdlet).HelpUri;
                var first = CommandHelp(cmdlet.Name).Element(Maml + "relatedLinks")!.Elements(Maml + "navigationLink").First();
                Assert.Equal("Online Version:", first.Element(Maml + "linkText")!.Value);
                Assert.Equal(helpUri, first.Element(Maml + "uri")!.Value);
                Assert.StartsWith("https://github.com/TeamsRemediation/TeamsRemediation/blob/main/README.md#", helpUri);
                Assert.Contains(helpUri.Substring(helpUri.IndexOf('#') + 1), anchors);
            }
        }

        [Fact]
        public void GetHelpFullShowsThePipelineWildcardAndDefaultFields()
        {
            using var s = new SimulatedSession();

            var userSid = Assert.Single(s.Shell.Invoke("Get-Help Clear-TeamsCache -Parameter UserSid"));
            Assert.Equal("True (ByPropertyName)", userSid.Properties["pipelineInput"].Value?.ToString());
            var checkId = Assert.Single(s.Shell.Invoke("Get-Help Test-TeamsCaa20002 -Parameter CheckId"));
            Assert.Equal("true", checkId.Properties["globbing"].Value?.ToString());
            var timeout = Assert.Single(s.Shell.Invoke("Get-Help Test-TeamsCaa20002 -Parameter TimeoutSeconds"));
            Assert.Equal("10", timeout.Properties["defaultValue"].Value?.ToString());
            var inputs = s.Shell.Invoke("(Get-Help Undo-TeamsRemediation).inputTypes.inputType.type.name").Select(o => o.ToString()).ToList();
            Assert.Equal(new[] { "System.String" }, inputs);
        }

        /// <summary>The fragment GitHub gives a Markdown heading: lower case, punctuation dropped, spaces to hyphens.</summary>
        private static string GitHubAnchor(string heading) =>
            Regex.Replace(Regex.Replace(heading.ToLowerInvariant(), @"[^\p{L}\p{Nd}\s_-]", string.Empty), @"\s", "-");
    }
}
