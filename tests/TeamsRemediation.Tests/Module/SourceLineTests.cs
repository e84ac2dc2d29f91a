using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using TeamsRemediation.Demo;
using Xunit;

namespace TeamsRemediation.Tests.Module
{
    /// <summary>House rules every C# file of src/ and tests/ keeps, read from the checkout this build came from.</summary>
    public sealed class SourceLineTests
    {
        private const int MaxLineLength = 150;

        /// <summary>A comment that sends the reader to a document outside the repository (a design note, a shared folder).</summary>
        private static readonly Regex OutsideDocument = new Regex(@"//.*(\.\./shared/|\bfacts\.md\b|\bdesign\.md\b)", RegexOptions.IgnoreCase);

        private static string RepositoryRoot => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ModuleSession.ManifestPath)!, "..", ".."));

        private static string[] SourceFiles()
        {
            var files = new[] { "src", "tests" }
                .SelectMany(folder => Directory.GetFiles(Path.Combine(RepositoryRoot, folder), "*.cs", SearchOption.AllDirectories))
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part == "obj" || part == "bin"))
                .ToArray();
            Assert.True(files.Length > 100, "Only " + files.Length + " C# files found under " + RepositoryRoot + ".");
            return files;
        }

        [Fact]
        public void NoLineIsLongerThan150Characters()
        {
            var tooLong = SourceFiles()
                .SelectMany(f => File.ReadAllLines(f).Select((line, i) => new { File = f, Number = i + 1, line.Length }))
                .Where(l => l.Length > MaxLineLength)
                .Select(l => Path.GetRelativePath(RepositoryRoot, l.File) + ":" + l.Number + " (" + l.Length + " characters)")
                .ToList();

            Assert.True(tooLong.Count == 0, "Lines over " + MaxLineLength + " characters:\n" + string.Join("\n", tooLong));
        }

        [Fact]
        public void NoCommentPointsAtADocumentOutsideTheRepository()
        {
            var pointers = SourceFiles()
                .SelectMany(f => File.ReadAllLines(f).Select((line, i) => new { File = f, Number = i + 1, Line = line }))
                .Where(l => OutsideDocument.IsMatch(l.Line))
                .Select(l => Path.GetRelativePath(RepositoryRoot, l.File) + ":" + l.Number + ": " + l.Line.Trim())
                .ToList();

            Assert.True(pointers.Count == 0, "Comments pointing outside the repository:\n" + string.Join("\n", pointers));
        }
    }
}
