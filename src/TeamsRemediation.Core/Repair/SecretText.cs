using System.Text.RegularExpressions;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// What in a text could be a token, a credential or a cookie: a JSON web token (three base64url parts, the first
    /// starting "eyJ"), a long unbroken base64 run (refresh tokens and PRT cookies are opaque strings of hundreds of
    /// characters), or the value after a name that carries one (Bearer, access_token=, "refresh_token":, Cookie:,
    /// x-ms-RefreshTokenCredential, password=, pwd=), the name quoted as JSON writes it or not. A Cookie or Set-Cookie
    /// header loses everything after its name to the end of the line, as it carries several name=value pairs. What the
    /// module writes for people (the events file, the admin pack, the evidence copies of the Teams logs, the machine log)
    /// passes through here, so such a value never reaches the disk, even when an event or a log carries one.
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

        // The separator may follow a closing quote ("refresh_token":"...", 'password': '...'); a value already removed is left.
        private static readonly Regex NamedSecret = new Regex(
            @"(?i)\b(?<name>set-cookie|cookie)(?<sep>[""']?\s*[:=]\s*)(?!\[removed\])(?<value>\S[^\r\n]*)"
                + @"|(?i)\b(?<name>bearer|(?:access|refresh|id|skype|auth)_?token|client_?secret|password|passwd|pwd|assertion"
                + @"|x-ms-refreshtokencredential|x-ms-devicecredential|estsauth\w*)(?<sep>[""']?\s*[:=]\s*|\s+(?=\S{16,}))"
                + @"(?!\[removed\])(?<value>""[^""]*""|'[^']*'|[^\s;,&""']+)"
                + @"|(?i)\b(?<name>code)(?<sep>=)(?!\[removed\])(?<value>[^\s;,&]+)",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

        /// <summary>True when the text holds anything that could be a secret (a value already replaced by <see cref="Removed"/> is not).</summary>
        public static bool LooksSecret(string? text) =>
            !string.IsNullOrEmpty(text) && (Jwt.IsMatch(text) || LongOpaqueRun.IsMatch(text) || NamedSecret.IsMatch(text));

        /// <summary>The text with every such value replaced by <see cref="Removed"/> (the name before it stays, to show what was removed).</summary>
        public static string Redact(string? text) => Redact(text, out _);

        /// <summary>As <see cref="Redact(string?)"/>, counting the values replaced, so a copy can say how many it removed.</summary>
        public static string Redact(string? text, out int removed)
        {
            removed = 0;
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }

            var count = 0;
            var result = NamedSecret.Replace(text, m =>
            {
                count++;
                return m.Groups["name"].Value + m.Groups["sep"].Value + Removed;
            });
            result = Jwt.Replace(result, m =>
            {
                count++;
                return Removed;
            });
            result = LongOpaqueRun.Replace(result, m =>
            {
                count++;
                return Removed;
            });
            removed = count;
            return result;
        }
    }
}
