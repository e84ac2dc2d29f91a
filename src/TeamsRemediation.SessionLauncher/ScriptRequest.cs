using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Windows;

namespace TeamsRemediation.SessionLauncher
{
    /// <summary>
    /// What the launcher was asked to run: the bare file name of one of the module's own scripts, then "-Name value" and "-Switch"
    /// arguments for it (the line <see cref="ScriptFileCommand.BuildLauncherLine"/> writes). Never a path and never a program: a signed
    /// binary that starts whatever it is given without a window is what an attacker would look for.
    /// </summary>
    internal sealed class ScriptRequest
    {
        private ScriptRequest(string scriptName, IReadOnlyList<KeyValuePair<string, object>> parameters)
        {
            ScriptName = scriptName;
            Parameters = parameters;
        }

        public string ScriptName { get; }

        /// <summary>Name to value (a string), or to true for a switch, as <see cref="ScriptFileCommand.Build"/> takes them.</summary>
        public IReadOnlyList<KeyValuePair<string, object>> Parameters { get; }

        /// <exception cref="LaunchRefusedException">The arguments are not such a request.</exception>
        public static ScriptRequest Parse(IList<string> args)
        {
            if (args == null || args.Count == 0 || string.IsNullOrEmpty(args[0]) || args[0].StartsWith("-", StringComparison.Ordinal))
            {
                throw new LaunchRefusedException(LauncherExitCodes.BadArguments, "The first argument must be the name of a module script.");
            }

            var name = args[0];
            if (name.IndexOfAny(new[] { '\\', '/', ':' }) >= 0 || name.Contains("..")
                || !name.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) || name.Trim() != name)
            {
                throw new LaunchRefusedException(LauncherExitCodes.ScriptNameRefused, "Not a bare script file name: " + name);
            }

            if (!ShippedScriptHashes.Sha256.ContainsKey(name))
            {
                throw new LaunchRefusedException(LauncherExitCodes.UnknownScript, "No script of this module is named " + name + ".");
            }

            List<KeyValuePair<string, string?>> named;
            try
            {
                named = ScriptFileCommand.ReadNamedValues(args, 1);
            }
            catch (FormatException e)
            {
                throw new LaunchRefusedException(LauncherExitCodes.BadArguments, e.Message);
            }

            var bad = named.FirstOrDefault(p => p.Key.Length == 0 || !p.Key.All(c => (c < 128 && char.IsLetterOrDigit(c)) || c == '_'));
            if (bad.Key != null)
            {
                throw new LaunchRefusedException(LauncherExitCodes.BadArguments, "Not a parameter name: -" + bad.Key);
            }

            return new ScriptRequest(name, named.Select(p => new KeyValuePair<string, object>(p.Key, (object?)p.Value ?? true)).ToList());
        }
    }
}
