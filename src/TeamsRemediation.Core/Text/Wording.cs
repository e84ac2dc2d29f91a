using System;
using System.Globalization;

namespace TeamsRemediation.Text
{
    /// <summary>
    /// How the module's messages join numbers and sentences: "1 file", "3 files" (never "file(s)"), and a sentence used
    /// after "because" or a colon as a clause ("because the clock is ..."), so each message reads as one sentence.
    /// </summary>
    public static class Wording
    {
        private static readonly string[] Names = { "Windows", "Microsoft", "Teams", "Entra", "Intune", "Group" };

        /// <summary>"1 value", "0 values", "2 values"; <paramref name="plural"/> for the nouns that do not just add an s.</summary>
        public static string Count(long count, string singular, string? plural = null) =>
            count.ToString(CultureInfo.InvariantCulture) + " " + Noun(count, singular, plural);

        /// <summary>The noun alone, for "value" or "values" after a number the caller writes itself.</summary>
        public static string Noun(long count, string singular, string? plural = null) =>
            count == 1 ? singular : plural ?? singular + "s";

        /// <summary>
        /// A sentence made a clause: its first letter lowered unless the first word is a name or an acronym ("TLS", "CONTOSO\alice",
        /// "PC01"), which keep their case. "The clock is 42 min behind." becomes "the clock is 42 min behind.".
        /// </summary>
        public static string Clause(string? sentence)
        {
            if (string.IsNullOrEmpty(sentence))
            {
                return string.Empty;
            }

            var text = sentence!.TrimStart();
            if (text.Length < 2 || !char.IsUpper(text[0]))
            {
                return text;
            }

            var end = 1;
            while (end < text.Length && char.IsLetter(text[end]))
            {
                end++;
            }

            // Only a plain capitalised word is lowered: "The", "Every"; "TLS", "PC01", "WebView2", "I" and the names a reason
            // can start with ("Windows", "Teams") are left as written.
            var word = text.Substring(0, end);
            var wordEnds = end == text.Length || !char.IsLetterOrDigit(text[end]) && text[end] != '\\' && text[end] != '.';
            var plain = word.Length > 1 && Array.IndexOf(Names, word) < 0 && wordEnds
                && word.Substring(1).Equals(word.Substring(1).ToLowerInvariant(), StringComparison.Ordinal);
            return plain ? char.ToLowerInvariant(text[0]) + text.Substring(1) : text;
        }
    }
}
