using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using TeamsRemediation.Demo;
using TeamsRemediation.Errors;
using Xunit;

namespace TeamsRemediation.Tests.Module
{
    /// <summary>
    /// Every error id the module can raise is explained in about_TeamsRemediation_Errors (id, meaning, what to do),
    /// and the topic names no id the module cannot raise. The ids are read from the errors themselves: each factory
    /// of <see cref="ModuleErrors"/> is called with sample arguments, so a new factory without a help entry fails here.
    /// </summary>
    public sealed class ErrorIdHelpTests
    {
        private static string TopicPath => Path.Combine(Path.GetDirectoryName(ModuleSession.ManifestPath)!, "en-US",
            "about_TeamsRemediation_Errors.help.txt");

        /// <summary>An entry: the id alone on a line indented by four spaces, then its text indented by eight.</summary>
        private static readonly Regex EntryHeading = new Regex(@"^    ([A-Z][A-Za-z0-9]+)\r?$", RegexOptions.Multiline);

        public static IEnumerable<object[]> Factories() =>
            typeof(ModuleErrors).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.ReturnType == typeof(ModuleError))
                .Select(m => new object[] { m.Name });

        [Fact]
        public void TheModuleRaisesErrorsAndEveryFactoryIsCalled()
        {
            var ids = RaisedIds();

            // Ids and factories go one to one; a factory whose id differs from its name is still counted by its id.
            Assert.True(ids.Count >= 60, "only " + ids.Count + " error ids were found: the factories could not be called.");
            Assert.Equal(Factories().Count(), ids.Count);
        }

        [Theory]
        [MemberData(nameof(Factories))]
        public void EveryRaisedIdIsExplainedWithWhatToDo(string factory)
        {
            var id = Call(typeof(ModuleErrors).GetMethods(BindingFlags.Public | BindingFlags.Static).First(m => m.Name == factory)).Id;
            var entries = Entries(File.ReadAllText(TopicPath));

            Assert.True(entries.ContainsKey(id), id + " (ModuleErrors." + factory + ") is not explained in about_TeamsRemediation_Errors.");
            var text = entries[id];
            Assert.Matches(@"(?m)^\s+Category: [A-Za-z]+$", text);
            Assert.Contains("What to do:", text, StringComparison.Ordinal);
        }

        [Fact]
        public void TheTopicNamesOnlyIdsTheModuleRaisesEachOnce()
        {
            var headings = EntryHeading.Matches(File.ReadAllText(TopicPath)).Select(m => m.Groups[1].Value).ToList();

            Assert.Equal(headings.Distinct(StringComparer.Ordinal).Count(), headings.Count);
            Assert.Empty(headings.Except(RaisedIds(), StringComparer.Ordinal));
        }

        [Fact]
        public void EachEntryStatesTheCategoryTheErrorCarries()
        {
            var entries = Entries(File.ReadAllText(TopicPath));
            var wrong = typeof(ModuleErrors).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.ReturnType == typeof(ModuleError))
                .Select(Call)
                .Where(e => entries.ContainsKey(e.Id) && !entries[e.Id].Contains("Category: " + e.Category + "\n", StringComparison.Ordinal))
                .Select(e => e.Id + " should say Category: " + e.Category)
                .ToList();

            Assert.Empty(wrong);
        }

        private static HashSet<string> RaisedIds() =>
            new HashSet<string>(typeof(ModuleErrors).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.ReturnType == typeof(ModuleError)).Select(m => Call(m).Id), StringComparer.Ordinal);

        /// <summary>The text of each entry, from its id line to the next id line (line ends as \n).</summary>
        private static Dictionary<string, string> Entries(string topic)
        {
            topic = topic.Replace("\r\n", "\n");
            var headings = EntryHeading.Matches(topic).ToList();
            var entries = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < headings.Count; i++)
            {
                var end = i + 1 < headings.Count ? headings[i + 1].Index : topic.Length;
                entries[headings[i].Groups[1].Value] = topic.Substring(headings[i].Index, end - headings[i].Index);
            }

            return entries;
        }

        private static ModuleError Call(MethodInfo factory) =>
            (ModuleError)factory.Invoke(null, factory.GetParameters().Select(p => Sample(p.ParameterType)).ToArray())!;

        private static object? Sample(Type type)
        {
            if (type == typeof(string))
            {
                return "sample";
            }

            if (type == typeof(bool))
            {
                return false;
            }

            if (type == typeof(TimeSpan))
            {
                return TimeSpan.FromSeconds(1);
            }

            if (typeof(Exception).IsAssignableFrom(type))
            {
                return Activator.CreateInstance(type, "sample");
            }

            if (type.IsEnum || type.IsPrimitive)
            {
                return Activator.CreateInstance(type);
            }

            if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
            {
                return Array.CreateInstance(type.GetGenericArguments()[0], 0);
            }

            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }
    }
}
