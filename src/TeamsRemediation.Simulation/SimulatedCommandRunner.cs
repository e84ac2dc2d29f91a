using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using TeamsRemediation.Platform;
using TeamsRemediation.Windows;

namespace TeamsRemediation.Simulation
{
    /// <summary>
    /// Answers external commands with recorded outputs. A command nobody recorded is "not found", as on a PC
    /// without that program; a recording may take longer than the caller's timeout, and then the caller sees
    /// the same TimedOut outcome a hung dsregcmd gives.
    /// </summary>
    public sealed class SimulatedCommandRunner : ICommandRunner
    {
        private readonly object gate = new object();
        private readonly List<Recording> recordings = new List<Recording>();
        private readonly List<string> calls = new List<string>();

        /// <summary>Every call made, as "file args", in order.</summary>
        public IReadOnlyList<string> Calls
        {
            get
            {
                lock (gate)
                {
                    return calls.ToList();
                }
            }
        }

        /// <summary>True while the simulated module runs 32-bit on 64-bit Windows: only then does a program path through Sysnative exist.</summary>
        public Func<bool> CallerIs32Bit { get; set; } = () => false;

        /// <summary>The simulated PC's OEM code page: recorded bytes are decoded with it, as the Windows runner decodes a tool's pipe.</summary>
        public ConsoleOutputDecoder Decoder { get; set; } = ConsoleOutputDecoder.Utf8;

        /// <summary>Records the bytes a program writes into its standard output pipe, decoded only when it is run.</summary>
        public void RecordBytes(string program, int exitCode, byte[] standardOutput, string? argumentsPattern = null)
        {
            var output = standardOutput ?? throw new ArgumentNullException(nameof(standardOutput));
            Record(program, CommandResult.Completed(exitCode, string.Empty), argumentsPattern);
            lock (gate)
            {
                recordings[0].OutputBytes = output;
            }
        }

        /// <summary>Records the answer for a program (matched by file name without folder or extension) and optionally an argument pattern.</summary>
        public void Record(string program, CommandResult result, string? argumentsPattern = null, TimeSpan? takes = null)
        {
            lock (gate)
            {
                // Newest first, so a scenario can override an earlier recording of the same command.
                var pattern = argumentsPattern == null ? null : new Regex(argumentsPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
                recordings.Insert(0, new Recording(Normalize(program), pattern == null ? null : new Func<string, bool>(pattern.IsMatch), result,
                    takes ?? TimeSpan.Zero));
            }
        }

        /// <summary>Records an answer chosen by a test on the arguments, for calls a pattern cannot read well.</summary>
        public void Record(string program, CommandResult result, Func<string, bool> argumentsMatch, TimeSpan? takes = null)
        {
            if (argumentsMatch is null)
            {
                throw new ArgumentNullException(nameof(argumentsMatch));
            }

            lock (gate)
            {
                recordings.Insert(0, new Recording(Normalize(program), argumentsMatch, result, takes ?? TimeSpan.Zero));
            }
        }

        /// <summary>
        /// Records the answer of a shipped script that powershell.exe runs with -File, chosen on the script's file name and, when
        /// given, on its named values (<paramref name="match"/>).
        /// </summary>
        public void RecordScript(string scriptName, CommandResult result, Func<ScriptFileCommand, bool>? match = null, TimeSpan? takes = null) =>
            Record("powershell", result, arguments => RunsScript(arguments, scriptName, match), takes);

        private static bool RunsScript(string arguments, string scriptName, Func<ScriptFileCommand, bool>? match)
        {
            ScriptFileCommand command;
            try
            {
                command = ScriptFileCommand.Parse(arguments);
            }
            catch (FormatException)
            {
                return false;
            }

            var fileName = command.ScriptPath.Substring(command.ScriptPath.LastIndexOfAny(new[] { '/', '\\' }) + 1);
            return fileName.Equals(scriptName, StringComparison.OrdinalIgnoreCase) && (match == null || match(command));
        }

        /// <summary>
        /// Records an answer that also changes the simulated PC when the command runs to the end, as the real command changes the
        /// real one (w32tm /resync sets the clock, ipconfig /flushdns empties the resolver cache).
        /// </summary>
        public void RecordWithEffect(string program, CommandResult result, string argumentsPattern, Action effect)
        {
            if (effect is null)
            {
                throw new ArgumentNullException(nameof(effect));
            }

            var pattern = new Regex(argumentsPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            lock (gate)
            {
                recordings.Insert(0, new Recording(Normalize(program), pattern.IsMatch, result, TimeSpan.Zero) { Effect = effect });
            }
        }

        public CommandResult Run(string fileName, string arguments, TimeSpan timeout)
        {
            Recording? match;
            lock (gate)
            {
                calls.Add((fileName + " " + arguments).Trim());
                var program = Normalize(fileName);
                match = recordings.FirstOrDefault(r => r.Program == program && (r.Arguments == null || r.Arguments(arguments ?? string.Empty)));
            }

            if (match == null || !SimulatedWow64.PathExistsFor(fileName, CallerIs32Bit()))
            {
                return CommandResult.NotFound(fileName);
            }

            if (match.Takes > timeout)
            {
                System.Threading.Thread.Sleep(timeout);
                return CommandResult.TimedOut(timeout);
            }

            if (match.Takes > TimeSpan.Zero)
            {
                System.Threading.Thread.Sleep(match.Takes);
            }

            match.Effect?.Invoke();
            return match.OutputBytes == null
                ? match.Result
                : CommandResult.Completed(match.Result.ExitCode, Decoder.Decode(match.OutputBytes, match.OutputBytes.Length));
        }

        private static string Normalize(string program)
        {
            var name = program.Replace('\\', '/');
            return Path.GetFileNameWithoutExtension(name).ToLowerInvariant();
        }

        private sealed class Recording
        {
            public Recording(string program, Func<string, bool>? arguments, CommandResult result, TimeSpan takes)
            {
                Program = program;
                Arguments = arguments;
                Result = result;
                Takes = takes;
            }

            public string Program { get; }

            public Func<string, bool>? Arguments { get; }

            public CommandResult Result { get; }

            public TimeSpan Takes { get; }

            /// <summary>What running it changes on the simulated PC.</summary>
            public Action? Effect { get; set; }

            /// <summary>What the program writes as bytes, when the recording is of bytes rather than text.</summary>
            public byte[]? OutputBytes { get; set; }
        }
    }
}
