using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;

namespace TeamsRemediation.WindowsLeg
{
    /// <summary>One Pester test: the suite file it is in, its full name (blocks and test) and how it ended.</summary>
    public sealed class PesterTestOutcome
    {
        public PesterTestOutcome(string file, string name, TestOutcome outcome)
        {
            File = file;
            Name = name;
            Outcome = outcome;
        }

        public string File { get; }

        public string Name { get; }

        public TestOutcome Outcome { get; }
    }

    /// <summary>
    /// Reads the NUnit 2.5 XML Pester writes: every test-case, under the test-suite named by its file's path. Success is
    /// passed; Failure and Error are failed, with Pester's message; Ignored, Skipped, Inconclusive and NotRunnable are
    /// skipped, with the reason Set-ItResult -Skipped -Because gave (a -Skip on a block gives none).
    /// </summary>
    public static class PesterResults
    {
        private const string SuiteFileSuffix = ".Tests.ps1";

        public static IReadOnlyList<PesterTestOutcome> Read(string nunitXmlPath)
        {
            var document = XDocument.Load(nunitXmlPath);
            return document.Descendants("test-case").Select(Outcome).ToList();
        }

        private static PesterTestOutcome Outcome(XElement testCase)
        {
            var file = testCase.Ancestors("test-suite")
                .Select(s => (string?)s.Attribute("name") ?? string.Empty)
                .FirstOrDefault(n => n.EndsWith(SuiteFileSuffix, StringComparison.OrdinalIgnoreCase)) ?? string.Empty;
            var name = (string?)testCase.Attribute("name") ?? string.Empty;
            var seconds = double.TryParse((string?)testCase.Attribute("time"), NumberStyles.Float, CultureInfo.InvariantCulture, out var time) ? time : 0;
            var duration = TimeSpan.FromSeconds(seconds);
            var result = (string?)testCase.Attribute("result") ?? string.Empty;
            switch (result)
            {
                case "Success":
                    return new PesterTestOutcome(FileName(file), name, new TestOutcome(TestResult.Passed, string.Empty, duration));
                case "Failure":
                case "Error":
                    var failure = testCase.Element("failure");
                    var message = (string?)failure?.Element("message") + Environment.NewLine + (string?)failure?.Element("stack-trace");
                    return new PesterTestOutcome(FileName(file), name, new TestOutcome(TestResult.Failed, message.Trim(), duration));
                default:
                    var reason = ((string?)testCase.Element("reason")?.Element("message"))?.Trim();
                    return new PesterTestOutcome(FileName(file), name, new TestOutcome(TestResult.Skipped,
                        string.IsNullOrEmpty(reason) ? "skipped by the suite (" + result + ", no reason given)" : reason!, duration));
            }
        }

        private static string FileName(string path) => path.Length == 0 ? "(no suite file)" : path.Substring(path.LastIndexOfAny(new[] { '/', '\\' }) + 1);
    }
}
