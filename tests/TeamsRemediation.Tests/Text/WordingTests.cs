using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using TeamsRemediation.Demo;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Errors;
using TeamsRemediation.Tests.Diagnostics;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.Text;
using TeamsRemediation.UserBridge;
using Xunit;

namespace TeamsRemediation.Tests.Text
{
    /// <summary>Messages read as sentences: counted nouns agree with their number, and a reason joined after "because" is a clause.</summary>
    public sealed class WordingTests
    {
        /// <summary>"1 item(s)", "process(es)" in a string: a count the message did not make agree with its noun.</summary>
        private static readonly Regex PluralInCSharp = new Regex(@"""[^""]*[a-z]\((s|es|ies)\)[^""]*""");

        /// <summary>The same in a PowerShell script, whose strings are mostly single-quoted.</summary>
        private static readonly Regex PluralInPowerShell = new Regex(@"[""'][^""']*[a-z]\((s|es|ies)\)[^""']*[""']");

        private static string RepositoryRoot => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ModuleSession.ManifestPath)!, "..", ".."));

        [Theory]
        [InlineData(0, "value", null, "0 values")]
        [InlineData(1, "value", null, "1 value")]
        [InlineData(2, "value", null, "2 values")]
        [InlineData(1, "process", "processes", "1 process")]
        [InlineData(3, "process", "processes", "3 processes")]
        [InlineData(1, "zip entry", "zip entries", "1 zip entry")]
        [InlineData(12, "zip entry", "zip entries", "12 zip entries")]
        public void ACountAgreesWithItsNoun(long count, string singular, string? plural, string expected) =>
            Assert.Equal(expected, Wording.Count(count, singular, plural));

        [Theory]
        [InlineData("The clock is 42 min behind.", "the clock is 42 min behind.")]
        [InlineData("Every sign-in name resolves.", "every sign-in name resolves.")]
        [InlineData("the sign-in name did not resolve.", "the sign-in name did not resolve.")]
        [InlineData("TLS 1.2 is off.", "TLS 1.2 is off.")]
        [InlineData("PC01 is a domain controller.", "PC01 is a domain controller.")]
        [InlineData(@"CONTOSO\alice logged off.", @"CONTOSO\alice logged off.")]
        [InlineData("Windows must restart.", "Windows must restart.")]
        [InlineData("WebView2 is missing.", "WebView2 is missing.")]
        [InlineData("", "")]
        public void ASentenceJoinedAsAClauseLowersOnlyAPlainFirstWord(string sentence, string expected) =>
            Assert.Equal(expected, Wording.Clause(sentence));

        [Fact]
        public void NoMessageInTheModuleOrItsScriptsCountsWithAPluralPlaceholder()
        {
            var files = Directory.GetFiles(Path.Combine(RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
                .Concat(Directory.GetFiles(Path.Combine(RepositoryRoot, "scripts"), "*.ps1", SearchOption.AllDirectories))
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part == "obj" || part == "bin"))
                .ToList();
            Assert.True(files.Count > 100, "Only " + files.Count + " files found under " + RepositoryRoot + ".");

            var found = files.SelectMany(f => File.ReadAllLines(f).Select((line, i) => new { File = f, Number = i + 1, Line = line }))
                .Where(l => !l.Line.TrimStart().StartsWith("///", StringComparison.Ordinal))
                .Where(l => (l.File.EndsWith(".ps1", StringComparison.Ordinal) ? PluralInPowerShell : PluralInCSharp).IsMatch(l.Line))
                .Select(l => Path.GetRelativePath(RepositoryRoot, l.File) + ":" + l.Number + ": " + l.Line.Trim())
                .ToList();

            Assert.True(found.Count == 0, "Use Wording.Count instead of a \"(s)\" plural:\n" + string.Join("\n", found));
        }

        [Fact]
        public void OnAPcWithNobodyLoggedOnTheReasonIsSaidOnceAndTheOtherUserRowsPointToIt()
        {
            using var s = new SimulatedSession();
            TestTeamsCaa20002Tests.HealthyUser(s, "bob", loggedOn: false, hiveLoaded: false);
            s.Pc.RunAsSystem();

            var findings = s.Run("Test-TeamsCaa20002 -SkipNetwork").Objects<TeamsCaa20002Finding>().ToList();

            var perUser = findings.Where(f => CheckIds.PerUser.Contains(f.CheckId)).ToList();
            Assert.True(perUser.Count > 2, "Expected the per-user checks, got " + perUser.Count);
            Assert.All(perUser, f => Assert.Equal(FindingStatus.Skipped, f.Status));
            var first = perUser[0];
            Assert.Single(findings, f => f.Summary.Contains("no user to check:"));
            Assert.StartsWith("Not checked: no user to check: ", first.Summary);
            Assert.All(perUser.Skip(1), f => Assert.Equal("Not checked: no user to check (see " + first.CheckId + ").", f.Summary));
        }

        [Fact]
        public void ARunThatEndedWithoutAResultIsDescribedOnceByTheBridgesOwnMessage()
        {
            var problem = ModuleErrors.UserBridgeNoResult(@"CONTOSO\alice", 1, 1);
            var withProblem = new UserSessionRun("S-1-5-21-1", @"CONTOSO\alice", 1, "task", UserSessionRunOutcome.NoResult, null,
                new[] { problem }, cleanedUp: true);
            var without = new UserSessionRun("S-1-5-21-1", @"CONTOSO\alice", 1, "task", UserSessionRunOutcome.NoResult, null,
                Array.Empty<ModuleError>(), cleanedUp: true);

            var said = withProblem.WhyNoResult(@"the session 1 of CONTOSO\alice");

            Assert.Equal(problem.Message, said);
            Assert.Single(Regex.Matches(said, "The run in"));
            Assert.DoesNotContain("NoResult", said);
            Assert.Equal(@"The run in the session 1 of CONTOSO\alice ended without a result (NoResult).",
                without.WhyNoResult(@"the session 1 of CONTOSO\alice"));
        }
    }
}
