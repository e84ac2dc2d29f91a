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
        /// <param name="values">The candidates, in the order to offer them.</param>
        /// <param name="wordToComplete">What was typed so far.</param>
        /// <param name="tooltip">The tooltip of a value.</param>
        /// <param name="matchedOn">The texts a value is found by (the value itself when null); the value is what completes.</param>
        public static IEnumerable<CompletionResult> Matching(IEnumerable<string> values, string? wordToComplete, System.Func<string, string> tooltip,
            System.Func<string, IEnumerable<string>>? matchedOn = null)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = new WildcardPattern(WildcardPattern.ContainsWildcardCharacters(typed) ? typed : typed + "*", WildcardOptions.IgnoreCase);
            matchedOn ??= v => new[] { v };
            return values
                .Where(v => matchedOn(v).Any(pattern.IsMatch))
                .Distinct(System.StringComparer.OrdinalIgnoreCase)
                .Select(v => new CompletionResult(Quoted(v), v, CompletionResultType.ParameterValue, tooltip(v)));
        }

        private static string Quoted(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', ',', '(', ')', '{', '}', '@', '#' }) >= 0
                ? "'" + value.Replace("'", "''") + "'"
                : value;
    }
}
