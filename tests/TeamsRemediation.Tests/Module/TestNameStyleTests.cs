using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace TeamsRemediation.Tests.Module
{
    /// <summary>
    /// Test names read one way: PascalCase sentences ("AHealthyPcHasNothingToFix"), the style most tests were written in, never
    /// underscores. Read from the compiled tests, so a new [Fact] or [Theory] of any kind (WindowsFact, WineFact, ...) is checked.
    /// </summary>
    public sealed class TestNameStyleTests
    {
        private static readonly Regex PascalCase = new Regex("^[A-Z][A-Za-z0-9]*$");

        [Fact]
        public void EveryTestMethodIsNamedInPascalCase()
        {
            var tests = typeof(TestNameStyleTests).Assembly.GetTypes()
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
                .Where(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any())
                .ToList();
            Assert.True(tests.Count > 500, "Only " + tests.Count + " test methods found.");

            var offending = tests.Where(m => !PascalCase.IsMatch(m.Name)).Select(m => m.DeclaringType!.Name + "." + m.Name).OrderBy(n => n).ToList();

            Assert.True(offending.Count == 0, "Name these tests in PascalCase, without underscores:\n" + string.Join("\n", offending));
        }
    }
}
