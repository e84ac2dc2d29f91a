using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// The argument line of powershell.exe that runs a shipped script file: "-NoProfile -NonInteractive -ExecutionPolicy Bypass
    /// -File "script" -Name "value" -Switch" (no -WindowStyle Hidden: it hides the console only after Windows has shown it, W20; the
    /// user-session task starts the session launcher, which starts powershell.exe with no console at all). With -File the policy judges
    /// the file (a signed or allowed script runs in FullLanguage under AppLocker or WDAC), and every value reaches the script as one
    /// literal string (about_PowerShell_exe), so values stay small: a list goes in a file the module writes, never on this line.
    /// </summary>
    public sealed class ScriptFileCommand
    {
        private const string Options = "-NoProfile -NonInteractive -ExecutionPolicy Bypass";

        private ScriptFileCommand(string scriptPath, IReadOnlyList<KeyValuePair<string, string?>> parameters)
        {
            ScriptPath = scriptPath;
            Parameters = parameters;
        }

        public string ScriptPath { get; }

        /// <summary>Parameter name to value, in order; a switch has a null value.</summary>
        public IReadOnlyList<KeyValuePair<string, string?>> Parameters { get; }

        /// <summary>The value of a named parameter, or null when it was not given (or is a switch).</summary>
        public string? Parameter(string name) =>
            Parameters.Where(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => p.Value).FirstOrDefault();

        public bool HasSwitch(string name) => Parameters.Any(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase) && p.Value == null);

        /// <param name="scriptPath">The verified script file (<see cref="ShippedScripts.Verified"/>).</param>
        /// <param name="parameters">Name to value: a string, or true for a switch (false leaves it out).</param>
        /// <exception cref="ArgumentException">
        /// A value -File cannot carry as it is: a list, or text starting with a dash (bound as a name).
        /// </exception>
        public static string Build(string scriptPath, IEnumerable<KeyValuePair<string, object>> parameters) =>
            Options + " -File " + Quote(scriptPath) + NamedValues(parameters);

        /// <summary>
        /// The session launcher's argument line (TeamsRemediation.SessionLauncher.exe): the bare name of a shipped script, then the
        /// same named values as <see cref="Build"/>. The launcher turns it into the powershell.exe line of <see cref="Build"/>.
        /// </summary>
        /// <exception cref="ArgumentException">A value -File cannot carry as it is (see <see cref="Build"/>).</exception>
        public static string BuildLauncherLine(string scriptName, IEnumerable<KeyValuePair<string, object>> parameters) =>
            Quote(scriptName) + NamedValues(parameters);

        /// <summary>" -Name "value" -Switch": each value one argument, a switch present when true.</summary>
        private static string NamedValues(IEnumerable<KeyValuePair<string, object>> parameters)
        {
            var line = new StringBuilder();
            foreach (var parameter in parameters)
            {
                switch (parameter.Value)
                {
                    case bool isSet:
                        if (isSet)
                        {
                            line.Append(" -").Append(parameter.Key);
                        }

                        break;
                    case string text when !text.StartsWith("-", StringComparison.Ordinal):
                        line.Append(" -").Append(parameter.Key).Append(' ').Append(Quote(text));
                        break;
                    default:
                        throw new ArgumentException("-File passes " + parameter.Key + " only as one string that does not start with a dash.",
                            nameof(parameters));
                }
            }

            return line.ToString();
        }

        /// <summary>Reads an argument line of <see cref="Build"/> back (the simulated PC and the tests run what it names).</summary>
        /// <exception cref="FormatException">It is not such a line.</exception>
        public static ScriptFileCommand Parse(string arguments)
        {
            var words = Split(arguments ?? string.Empty);
            var file = words.FindIndex(w => w.Equals("-File", StringComparison.OrdinalIgnoreCase));
            if (file < 0 || file + 1 >= words.Count)
            {
                throw new FormatException("No -File script in: " + arguments);
            }

            return new ScriptFileCommand(words[file + 1], ReadNamedValues(words, file + 2));
        }

        /// <summary>
        /// Reads a line of <see cref="BuildLauncherLine"/> back as the powershell.exe command the launcher starts from it, the script
        /// in <paramref name="scriptsFolder"/> (the simulated PC runs what a task's launcher would).
        /// </summary>
        /// <exception cref="FormatException">It is not such a line.</exception>
        public static ScriptFileCommand ParseLauncherLine(string arguments, string scriptsFolder)
        {
            var words = Split(arguments ?? string.Empty);
            if (words.Count == 0 || words[0].StartsWith("-", StringComparison.Ordinal))
            {
                throw new FormatException("No script name first in: " + arguments);
            }

            return new ScriptFileCommand(System.IO.Path.Combine(scriptsFolder, words[0]), ReadNamedValues(words, 1));
        }

        /// <summary>"-Name value" and "-Switch" from <paramref name="start"/> on: a word starting with a dash is a name.</summary>
        /// <exception cref="FormatException">A value follows no name.</exception>
        internal static List<KeyValuePair<string, string?>> ReadNamedValues(IList<string> words, int start)
        {
            var parameters = new List<KeyValuePair<string, string?>>();
            for (var i = start; i < words.Count; i++)
            {
                if (!words[i].StartsWith("-", StringComparison.Ordinal))
                {
                    throw new FormatException("A value without a parameter name: " + words[i]);
                }

                var hasValue = i + 1 < words.Count && !words[i + 1].StartsWith("-", StringComparison.Ordinal);
                parameters.Add(new KeyValuePair<string, string?>(words[i].Substring(1), hasValue ? words[++i] : null));
            }

            return parameters;
        }

        /// <summary>One argument as CommandLineToArgvW reads it back: quoted, backslashes doubled only before a quote.</summary>
        internal static string Quote(string text)
        {
            if (text.Length > 0 && text.IndexOfAny(new[] { ' ', '\t', '"' }) < 0)
            {
                return text;
            }

            var quoted = new StringBuilder("\"");
            var backslashes = 0;
            foreach (var c in text)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }

                quoted.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes).Append(c);
                backslashes = 0;
            }

            return quoted.Append('\\', backslashes * 2).Append('"').ToString();
        }

        /// <summary>The arguments of a command line by the CommandLineToArgvW rules (Parsing C++ command-line arguments).</summary>
        internal static List<string> Split(string line)
        {
            var words = new List<string>();
            var word = new StringBuilder();
            var inWord = false;
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (c == '\\')
                {
                    var count = 0;
                    while (i < line.Length && line[i] == '\\')
                    {
                        count++;
                        i++;
                    }

                    if (i < line.Length && line[i] == '"')
                    {
                        word.Append('\\', count / 2);
                        if (count % 2 == 1)
                        {
                            word.Append('"');
                        }
                        else
                        {
                            quoted = !quoted;
                        }
                    }
                    else
                    {
                        word.Append('\\', count);
                        i--;
                    }

                    inWord = true;
                }
                else if (c == '"')
                {
                    quoted = !quoted;
                    inWord = true;
                }
                else if ((c == ' ' || c == '\t') && !quoted)
                {
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }
                }
                else
                {
                    word.Append(c);
                    inWord = true;
                }
            }

            if (inWord)
            {
                words.Add(word.ToString());
            }

            return words;
        }
    }
}
