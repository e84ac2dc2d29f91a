using System.Text.RegularExpressions;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// What in a text could be a token, a credential or a cookie: a JSON web token (three base64url parts, the first
    /// starting "eyJ"), a long unbroken base64 run (refresh tokens and PRT cookies are opaque strings of hundreds of
    /// characters), or the value after a name that carries one (Bearer, access_token=, refresh_token=, Cookie:,
    /// x-ms-RefreshTokenCredential, password=). What the module writes for people (the events file, the admin pack)
    /// passes through here, so such a value never reaches the disk, even when an event carries one.
    /// </summary>
    public static class SecretText
    {
        public const string Removed = "[removed]";

        private static readonly Regex Jwt = new Regex(@"eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}(\.[A-Za-z0-9_\-]*)?",
            RegexOptions.CultureInvariant);

        // An opaque secret is one long unbroken run: base64url (refresh tokens: letters, digits, '-', '_', '.') of 64 characters or
        // more, or plain base64 ('+', '/') of 80 or more. Host names, GUIDs, paths and URLs stay shorter or are broken by ':' and
        // spaces; an URL's path alone ("/common/oauth2/token") is short.
        private static readonly Regex LongOpaqueRun = new Regex(
            @"(?<![A-Za-z0-9_\-.])[A-Za-z0-9_\-.]{64,}(?![A-Za-z0-9_\-.])|(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{80,}={0,2}(?![A-Za-z0-9+/=])",
            RegexOptions.CultureInvariant);

        private static readonly Regex NamedSecret = new Regex(
            @"(?i)\b(bearer|(?:access|refresh|id)_?token|client_?secret|password|passwd|assertion|set-cookie|cookie"
                + @"|x-ms-refreshtokencredential|x-ms-devicecredential|estsauth\w*)(\s*[:=]\s*|\s+(?=\S{16,}))"
                + @"(?!\[removed\])(""[^""]*""|'[^']*'|[^\s;,&]+)"
                + @"|(?i)\b(code)(=)(?!\[removed\])([^\s;,&]+)",
            RegexOptions.CultureInvariant);

        /// <summary>True when the text holds anything that could be a secret (a value already replaced by <see cref="Removed"/> is not).</summary>
        public static bool LooksSecret(string? text) =>
            !string.IsNullOrEmpty(text) && (Jwt.IsMatch(text) || LongOpaqueRun.IsMatch(text) || NamedSecret.IsMatch(text));

        /// <summary>The text with every such value replaced by <see cref="Removed"/> (the name before it stays, to show what was removed).</summary>
        public static string Redact(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }

            var result = NamedSecret.Replace(text, m => m.Groups[1].Success
                ? m.Groups[1].Value + m.Groups[2].Value + Removed
                : m.Groups[4].Value + m.Groups[5].Value + Removed);
            result = Jwt.Replace(result, Removed);
            return LongOpaqueRun.Replace(result, Removed);
        }
    }
}
