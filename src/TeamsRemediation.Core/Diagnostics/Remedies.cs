namespace TeamsRemediation.Diagnostics
{
    /// <summary>The remedy strings: the module's repair cmdlets with the parameters that aim them at the right user.</summary>
    internal static class Remedies
    {
        public const string EnableTls12 = "Enable-Tls12 (restart Windows afterwards)";

        public static string EnableTls12ForUser(string sid) => "Enable-Tls12 -UserSid " + sid + " -Scope User";

        public static string ClearCache(string sid) => "Clear-TeamsCache -UserSid " + sid;

        public static string ResetWorkAccount(string sid) => "Reset-TeamsWorkAccount -UserSid " + sid + " (run in the user's session)";

        /// <summary>Removing the WAM-disabling values is machine-side (the user's hive), so SYSTEM can do it.</summary>
        public static string RemoveWamOverrides(string sid) => "Reset-TeamsWorkAccount -UserSid " + sid + " -RemoveWamOverrides -Force";

        /// <summary>For a check that could not tell before the deadline (a probe that got no fair chance on a busy PC).</summary>
        public const string LargerTimeout = "Run the diagnosis again with a larger -TimeoutSeconds (or when the PC is less busy).";

        public const string FixClock = "Correct the date, time and time zone (w32tm /resync /force), then sign in to Teams again.";

        public const string FixProxy =
            "Let the proxy or firewall pass the Microsoft 365 sign-in endpoints without TLS inspection (login.microsoftonline.com, " +
                "login.microsoft.com, login.windows.net, *.msauth.net, *.msftauth.net).";
    }
}
