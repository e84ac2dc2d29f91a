using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace TeamsRemediation.Completion
{
    /// <summary>
    /// Turns candidate values into completion results the same way for every completer: the typed word is a
    /// prefix or a wildcard pattern, matching is case-insensitive, and a value with a space or quote is quoted.
    /// </summary>
    internal static class CompletionValues
    {
        public static IEnumerable<CompletionResult> Matching(IEnumerable<string> values, string? wordToComplete, System.Func<string, string> tooltip)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = new WildcardPattern(WildcardPattern.ContainsWildcardCharacters(typed) ? typed : typed + "*", WildcardOptions.IgnoreCase);
            return values
                .Where(v => pattern.IsMatch(v))
                .Distinct(System.StringComparer.OrdinalIgnoreCase)
                .Select(v => new CompletionResult(Quoted(v), v, CompletionResultType.ParameterValue, tooltip(v)));
        }

        private static string Quoted(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', ',', '(', ')', '{', '}', '@', '#' }) >= 0
                ? "'" + value.Replace("'", "''") + "'"
                : value;
    }
}
