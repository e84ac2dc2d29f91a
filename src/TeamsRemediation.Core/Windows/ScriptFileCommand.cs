using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// The argument line of powershell.exe that runs a shipped script file: "-NoProfile -NonInteractive -ExecutionPolicy Bypass
    /// [-WindowStyle Hidden] -File "script" -Name "value" -Switch". With -File the policy judges the file (a signed or allowed
    /// script runs in FullLanguage under AppLocker or WDAC), and every value reaches the script as one literal string
    /// (about_PowerShell_exe), so values stay small: a list goes in a file the module writes, never on this line.
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
        /// <param name="hiddenWindow">Adds -WindowStyle Hidden: the console of a program started in a user's desktop would otherwise show.</param>
        /// <exception cref="ArgumentException">
        /// A value -File cannot carry as it is: a list, or text starting with a dash (bound as a name).
        /// </exception>
        public static string Build(string scriptPath, IEnumerable<KeyValuePair<string, object>> parameters, bool hiddenWindow = false)
        {
            var line = new StringBuilder(Options);
            if (hiddenWindow)
            {
                line.Append(" -WindowStyle Hidden");
            }

            line.Append(" -File ").Append(Quote(scriptPath));
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

            var parameters = new List<KeyValuePair<string, string?>>();
            for (var i = file + 2; i < words.Count; i++)
            {
                if (!words[i].StartsWith("-", StringComparison.Ordinal))
                {
                    throw new FormatException("A value without a parameter name: " + words[i]);
                }

                var hasValue = i + 1 < words.Count && !words[i + 1].StartsWith("-", StringComparison.Ordinal);
                parameters.Add(new KeyValuePair<string, string?>(words[i].Substring(1), hasValue ? words[++i] : null));
            }

            return new ScriptFileCommand(words[file + 1], parameters);
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
