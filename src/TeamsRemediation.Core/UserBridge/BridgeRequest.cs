using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace TeamsRemediation.UserBridge
{
    /// <summary>What to run in the users' sessions: one command of this module, its parameters, and how to wait.</summary>
    public sealed class BridgeRequest
    {
        /// <summary>The longest any run may wait; leftovers older than this (plus a margin) belong to runs that died.</summary>
        public static readonly TimeSpan MaximumTimeout = TimeSpan.FromMinutes(30);

        private static readonly Regex CommandPattern = new Regex("^[A-Z][a-z]+-[A-Za-z0-9]+$", RegexOptions.CultureInvariant);
        private static readonly Regex ParameterPattern = new Regex("^[A-Za-z][A-Za-z0-9]*$", RegexOptions.CultureInvariant);

        public BridgeRequest(string moduleManifestPath, string commandName)
        {
            ModuleManifestPath = moduleManifestPath;
            CommandName = commandName;
        }

        /// <summary>The installed module's manifest by full path: the child imports exactly this copy, never one found by name.</summary>
        public string ModuleManifestPath { get; }

        /// <summary>A command of this module (Verb-Noun); the child calls it module-qualified.</summary>
        public string CommandName { get; }

        public IDictionary<string, string> Parameters { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Parameters that take several values (a string[] or enum[] parameter); each value travels on its own, never comma-joined
        /// (PowerShell turns "A,B" for an enum into A -bor B).</summary>
        public IDictionary<string, IList<string>> ListParameters { get; } = new Dictionary<string, IList<string>>(StringComparer.OrdinalIgnoreCase);

        public ISet<string> Switches { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Only these users' sessions; empty = every interactive user.</summary>
        public ISet<string> UserSids { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Only these sessions of those users; empty = every session. A command that must run once per user (an Undo of one
        /// journal) names one session, so a user logged on twice does not run it twice at once.</summary>
        public ISet<int> SessionIds { get; } = new HashSet<int>();

        /// <summary>Also run in disconnected sessions (the user is not in front of the screen); skipped and reported otherwise.</summary>
        public bool IncludeDisconnected { get; set; }

        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>How many sessions run at once (AVD/RDS hosts carry many users).</summary>
        public int MaxParallel { get; set; } = 4;

        /// <summary>How often a run looks at its task while waiting.</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>Throws <see cref="ArgumentException"/> naming the first thing that is wrong.</summary>
        public void Validate()
        {
            if (string.IsNullOrEmpty(ModuleManifestPath) || !System.IO.Path.IsPathRooted(ModuleManifestPath)
                || !ModuleManifestPath.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException("The module is imported by the full path of its manifest (.psd1); got '" + ModuleManifestPath + "'.");
            }

            if (string.IsNullOrEmpty(CommandName) || !CommandPattern.IsMatch(CommandName))
            {
                throw new ArgumentException("'" + CommandName + "' is not a Verb-Noun command name of this module.");
            }

            var badName = Parameters.Keys.Concat(ListParameters.Keys).Concat(Switches)
                .FirstOrDefault(n => !ParameterPattern.IsMatch(n ?? string.Empty));
            if (badName != null)
            {
                throw new ArgumentException("'" + badName + "' is not a parameter name.");
            }

            var both = Parameters.Keys.FirstOrDefault(ListParameters.ContainsKey);
            if (both != null || ListParameters.Values.Any(v => v == null || v.Count == 0))
            {
                throw new ArgumentException("'" + (both ?? ListParameters.First(p => p.Value == null || p.Value.Count == 0).Key)
                    + "' is given twice or as an empty list.");
            }

            if (Timeout <= TimeSpan.Zero || Timeout > MaximumTimeout)
            {
                throw new ArgumentException("The timeout must be more than 0 and at most " + MaximumTimeout.TotalMinutes + " minutes.");
            }

            if (MaxParallel < 1 || PollInterval <= TimeSpan.Zero)
            {
                throw new ArgumentException("MaxParallel must be at least 1 and PollInterval more than 0.");
            }
        }
    }
}
