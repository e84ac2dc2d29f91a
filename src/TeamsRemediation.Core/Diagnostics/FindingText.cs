using System.Globalization;
using System.Text;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// The one cleaner for text a finding carries from outside (dsregcmd, event text, log lines, registry values,
    /// user names): findings end up in one-line Intune output, logs and portals, where a NUL, a BEL, a line break
    /// or a bidirectional override would cut, ring or disguise what an admin reads.
    /// </summary>
    internal static class FindingText
    {
        /// <summary>Tabs and line breaks become spaces; other control, format and unpaired surrogate characters and U+FFFD become '?'.</summary>
        public static string Clean(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }

            StringBuilder? clean = null;
            for (var i = 0; i < text!.Length; i++)
            {
                var c = text[i];
                var replacement = Replacement(text, i);
                if (replacement == c)
                {
                    clean?.Append(c);
                    continue;
                }

                if (clean == null)
                {
                    clean = new StringBuilder(text.Length).Append(text, 0, i);
                }

                clean.Append(replacement);
            }

            return clean?.ToString() ?? text;
        }

        private static char Replacement(string text, int i)
        {
            var c = text[i];
            if (c == '\t' || c == '\r' || c == '\n')
            {
                return ' ';
            }

            if (char.IsHighSurrogate(c))
            {
                return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? c : '?';
            }

            if (char.IsLowSurrogate(c))
            {
                return i > 0 && char.IsHighSurrogate(text[i - 1]) ? c : '?';
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            return category == UnicodeCategory.Control || category == UnicodeCategory.Format || c == '\uFFFD' ? '?' : c;
        }
    }
}
