using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;
using TeamsRemediation.Errors;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>How a run of a shipped script ended.</summary>
    public enum ScriptOutcome
    {
        /// <summary>The script answered with its one line of JSON.</summary>
        Answered,
        TimedOut,

        /// <summary>powershell.exe is not on this PC (Windows PowerShell removed, or not Windows).</summary>
        NotFound,
        FailedToStart,

        /// <summary>The script ran but no line of its JSON contract came back (blocked by policy, crashed, garbage).</summary>
        Unreadable,

        /// <summary>The script file is not the one the module shipped (ModuleScriptAltered): nothing was started.</summary>
        Refused,
    }

    /// <summary>The result of one script run: its report when it answered, else what went wrong, in one line.</summary>
    public sealed class ScriptRun<TReport>
        where TReport : class
    {
        public ScriptRun(ScriptOutcome outcome, TReport? report, string problem, ModuleError? error = null)
        {
            Outcome = outcome;
            Report = report;
            Problem = problem;
            Error = error;
        }

        public ScriptOutcome Outcome { get; }

        public TReport? Report { get; }

        /// <summary>Empty when the script answered.</summary>
        public string Problem { get; }

        /// <summary>The module error when the script was refused before it started (<see cref="ScriptOutcome.Refused"/>), else null.</summary>
        public ModuleError? Error { get; }
    }

    /// <summary>
    /// Runs a script the module ships in its Scripts folder in Windows PowerShell 5.1 (the only PowerShell with the WinRT
    /// projection WAM needs, and the one Appx cmdlets are native to), through the machine's command runner with a
    /// timeout, and reads its one-line JSON answer with DataContractJsonSerializer. The script is started as a file
    /// (-File), after its content was checked against what the module was built with: under AppLocker or WDAC a script file
    /// the policy allows runs in FullLanguage, where a command line (-Command, -EncodedCommand) never can.
    /// </summary>
    public sealed class WindowsPowerShellScript
    {
        public const string SignOutWamAccounts = "SignOutWamAccounts.ps1";
        public const string BrokerPlugin = "BrokerPlugin.ps1";
        public const string ResetTeamsApp = "ResetTeamsApp.ps1";

        private readonly IMachine machine;
        private readonly ShippedScripts scripts;

        public WindowsPowerShellScript(IMachine machine)
            : this(machine, ShippedScripts.ForModule(machine))
        {
        }

        public WindowsPowerShellScript(IMachine machine, ShippedScripts scripts)
        {
            this.machine = machine;
            this.scripts = scripts ?? throw new ArgumentNullException(nameof(scripts));
        }

        /// <summary>The Scripts folder the scripts are started from.</summary>
        public string ScriptsFolder => scripts.Folder;

        /// <summary>powershell.exe 5.1 for a process this process starts itself; through Sysnative from a 32-bit host, so the 64-bit WinRT and
        /// Appx stacks answer.</summary>
        public static string ExecutablePath(IMachine machine) =>
            Path.Combine(machine.WindowsPath, machine.Is32BitProcess ? "Sysnative" : "System32", "WindowsPowerShell", "v1.0", "powershell.exe");

        /// <summary>
        /// powershell.exe 5.1 as a 64-bit process names it: for what another process starts (the Task Scheduler service, which is 64-bit,
        /// runs a task's action) and for a command line printed for an admin to paste. Never Sysnative: "64-bit applications cannot use the
        /// Sysnative alias as it is a virtual directory not a real one" (File System Redirector). Right on 32-bit Windows too.
        /// </summary>
        public static string NativeExecutablePath(IMachine machine) =>
            Path.Combine(machine.WindowsPath, "System32", "WindowsPowerShell", "v1.0", "powershell.exe");

        public ScriptRun<TReport> Run<TReport>(string scriptName, IEnumerable<KeyValuePair<string, object>> parameters, TimeSpan timeout)
            where TReport : class
        {
            string arguments;
            try
            {
                arguments = ScriptFileCommand.Build(scripts.Verified(scriptName), parameters);
            }
            catch (ShippedScriptException e)
            {
                return new ScriptRun<TReport>(ScriptOutcome.Refused, null, e.Message, e.Error);
            }

            var executable = ExecutablePath(machine);
            var result = machine.Commands.Run(executable, arguments, timeout);
            switch (result.Outcome)
            {
                case CommandOutcome.TimedOut:
                    return new ScriptRun<TReport>(ScriptOutcome.TimedOut, null,
                        "Windows PowerShell did not finish " + scriptName + " within " + timeout.TotalSeconds + " s; it was stopped.");
                case CommandOutcome.NotFound:
                    return new ScriptRun<TReport>(ScriptOutcome.NotFound, null, "Windows PowerShell 5.1 (" + executable + ") is not on this PC.");
                case CommandOutcome.FailedToStart:
                    return new ScriptRun<TReport>(ScriptOutcome.FailedToStart, null, result.Describe("Windows PowerShell"));
            }

            var report = ParseReport<TReport>(result.StandardOutput);
            if (report == null)
            {
                var why = result.StandardError.Trim();
                return new ScriptRun<TReport>(ScriptOutcome.Unreadable, null,
                    "Windows PowerShell ran " + scriptName + " (exit code " + result.ExitCode + ") but gave no readable answer"
                        + (why.Length > 0 ? ": " + FirstLine(why) : "."));
            }

            return new ScriptRun<TReport>(ScriptOutcome.Answered, report, string.Empty);
        }

        /// <summary>The last line of output that reads as the report; null when none does.</summary>
        public static TReport? ParseReport<TReport>(string standardOutput)
            where TReport : class
        {
            var serializer = new DataContractJsonSerializer(typeof(TReport));
            var lines = (standardOutput ?? string.Empty).Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries);
            foreach (var line in lines.Reverse().Select(l => l.Trim()).Where(l => l.StartsWith("{", StringComparison.Ordinal)))
            {
                try
                {
                    using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(line)))
                    {
                        if (serializer.ReadObject(stream) is TReport report)
                        {
                            return report;
                        }
                    }
                }
                catch (Exception e) when (e is SerializationException || e is System.Xml.XmlException)
                {
                    // Not the report (a stray line of other output, or a report cut short, which the JSON reader
                    // reports as an XmlException): try the line before.
                }
            }

            return null;
        }

        private static string FirstLine(string text)
        {
            var line = text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
            return line.Length > 300 ? line.Substring(0, 300) + "..." : line;
        }
    }
}
