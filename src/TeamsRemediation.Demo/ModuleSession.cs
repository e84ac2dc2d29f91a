using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using TeamsRemediation.Simulation;

namespace TeamsRemediation.Demo
{
    /// <summary>
    /// A real PowerShell engine with the built module imported from out/TeamsRemediation and a simulated machine
    /// attached to its runspace (or none: the PC this process runs on). What the demo and the tests run cmdlets in.
    /// </summary>
    public sealed class ModuleSession : IDisposable
    {
        private readonly StringWriter hostText = new StringWriter();

        public ModuleSession(SimulatedMachine? machine, int width = 150)
        {
            EngineTelemetry.EnsureSilent();
            Host = new TextHost(hostText, width);
            var state = InitialSessionState.CreateDefault2();

            // Windows clients default to Restricted, under which Import-Module refuses the module's format files
            // ("running scripts is disabled"). Bypass for this process only, as `pwsh -ExecutionPolicy Bypass` does;
            // elsewhere PowerShell has no execution policy and setting one throws.
            if (OperatingSystem.IsWindows())
            {
                state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            }

            Runspace = RunspaceFactory.CreateRunspace(Host, state);
            Runspace.Open();
            machine?.AttachTo(Runspace);
            Invoke("Import-Module -Name $args[0] -ErrorAction Stop", ManifestPath);
        }

        /// <summary>out/TeamsRemediation/TeamsRemediation.psd1, as the build laid it out.</summary>
        public static string ManifestPath
        {
            get
            {
                var path = typeof(ModuleSession).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a =>
                    a.Key == "ModuleManifest").Value!;
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException("The module is not built: " + path + " is missing. Run 'dotnet build' first.", path);
                }

                return path;
            }
        }

        public Runspace Runspace { get; }

        public TextHost Host { get; }

        /// <summary>What the host showed so far (Out-Default output, verbose, warnings).</summary>
        public string HostText => hostText.ToString();

        /// <summary>
        /// Runs a script; errors are collected, not thrown, so a test can assert their ids. A cmdlet's terminating
        /// error ends the script and is returned as <see cref="ScriptResult.Terminating"/>, as it would stop an
        /// Intune script that uses -ErrorAction Stop.
        /// </summary>
        public ScriptResult Run(string script, params object[] args) => Execute("try { & { " + script + "\n} @args } catch { throw $_ }", args);

        private ScriptResult Execute(string script, object[] args)
        {
            using (var ps = PowerShell.Create())
            {
                ps.Runspace = Runspace;
                ps.AddScript(script);
                foreach (var arg in args)
                {
                    ps.AddArgument(arg);
                }

                Collection<PSObject> output;
                Exception? terminating = null;
                try
                {
                    output = ps.Invoke();
                }
                catch (RuntimeException e)
                {
                    output = new Collection<PSObject>();
                    terminating = e;
                }

                return new ScriptResult(output.ToList(), ps.Streams.Error.ToList(), ps.Streams.Warning.Select(w => w.Message).ToList(),
                    ps.Streams.Verbose.Select(v => v.Message).ToList(), terminating, ps.Streams.Progress.ToList());
            }
        }

        /// <summary>Runs a script that must not fail.</summary>
        public IReadOnlyList<PSObject> Invoke(string script, params object[] args)
        {
            var result = Run(script, args);
            if (result.Terminating != null)
            {
                throw new InvalidOperationException("Script failed: " + result.Terminating.Message, result.Terminating);
            }

            if (result.Errors.Count > 0)
            {
                throw new InvalidOperationException("Script wrote errors: "
                    + string.Join("; ", result.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e)));
            }

            return result.Output;
        }

        /// <summary>
        /// Runs a script through Out-Default and returns what the host showed for it. Dot-sourced, so a variable
        /// set by one shown command is there for the next, as at a console prompt.
        /// </summary>
        public string Show(string script, params object[] args)
        {
            var before = hostText.ToString().Length;
            Execute(". { " + script + "\n} @args | Out-Default", args);
            return hostText.ToString().Substring(before);
        }

        /// <summary>Makes the session look like a PowerShell remoting session ($PSSenderInfo is set there).</summary>
        public void ActAsRemotingSession() => Runspace.SessionStateProxy.SetVariable("PSSenderInfo", "remoting");

        public void Dispose()
        {
            SimulatedMachine.DetachFrom(Runspace);
            Runspace.Dispose();
        }
    }

    public sealed class ScriptResult
    {
        public ScriptResult(IReadOnlyList<PSObject> output, IReadOnlyList<ErrorRecord> errors, IReadOnlyList<string> warnings,
            IReadOnlyList<string> verbose, Exception? terminating, IReadOnlyList<ProgressRecord>? progress = null)
        {
            Output = output;
            Errors = errors;
            Warnings = warnings;
            Verbose = verbose;
            Terminating = terminating;
            Progress = progress ?? new ProgressRecord[0];
        }

        public IReadOnlyList<PSObject> Output { get; }

        public IReadOnlyList<ErrorRecord> Errors { get; }

        public IReadOnlyList<string> Warnings { get; }

        public IReadOnlyList<string> Verbose { get; }

        /// <summary>The progress records written (none when $ProgressPreference is SilentlyContinue).</summary>
        public IReadOnlyList<ProgressRecord> Progress { get; }

        /// <summary>The terminating error, if the script stopped.</summary>
        public Exception? Terminating { get; }

        /// <summary>The FullyQualifiedErrorId of the terminating error, when it carried an ErrorRecord.</summary>
        public string? TerminatingErrorId => (Terminating as IContainsErrorRecord)?.ErrorRecord.FullyQualifiedErrorId;

        public IEnumerable<T> Objects<T>() => Output.Select(o => o.BaseObject).OfType<T>();
    }
}
