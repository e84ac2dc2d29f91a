using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using TeamsRemediation.Demo;

namespace TeamsRemediation.WindowsLeg
{
    /// <summary>
    /// Runs the Pester suites (tests/Pester) in this process's own PowerShell engine: the Microsoft.PowerShell.SDK the leg
    /// is published with, self-contained, with no console (the engine's host is a <see cref="TextHost"/> that never
    /// prompts and writes what Pester shows straight to the leg's output, so a hang shows where it stopped). It goes
    /// through the suites' own entry point, Invoke-PesterSuite.ps1, as a Windows CI step does, and counts the NUnit XML
    /// that script writes. The suites import the module the build laid out, on the real Windows adapters: no simulated
    /// machine is attached to this runspace.
    /// </summary>
    public static class PesterSuiteRun
    {
        public const string EntryScript = "Invoke-PesterSuite.ps1";

        /// <summary>
        /// Generous: the suites take about 10 s under Wine. Past it the run is stopped and counted as one failure, so a
        /// hang costs minutes, not the CI job.
        /// </summary>
        public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

        /// <param name="suitesFolder">tests/Pester of the checkout (PesterSupport.ps1 finds out/ from there).</param>
        /// <param name="modulesFolder">The folder .ci/install-tools puts Pester in (Pester/5.9.1/Pester.psd1), put first on PSModulePath.</param>
        /// <param name="resultPath">Where the NUnit XML goes.</param>
        /// <param name="output">Receives what Pester shows (its per-test lines and failure details).</param>
        public static IReadOnlyList<PesterTestOutcome> Run(string suitesFolder, string modulesFolder, string resultPath, TextWriter output)
        {
            var entry = Path.Combine(suitesFolder, EntryScript);
            if (!File.Exists(entry))
            {
                throw new FileNotFoundException("No Pester suites: " + entry + " is missing.", entry);
            }

            // Read by the runspace when it opens: the installed Pester is found before any other.
            Environment.SetEnvironmentVariable("PSModulePath", modulesFolder + Path.PathSeparator + Environment.GetEnvironmentVariable("PSModulePath"));
            File.Delete(resultPath);
            EngineTelemetry.EnsureSilent();
            var state = InitialSessionState.CreateDefault2();

            // Windows refuses script modules (Pester) and format files under its default policy, Restricted: bypass it
            // for this process only, as `pwsh -ExecutionPolicy Bypass` does (the leg runs only on Windows and Wine).
            state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            string? problem = null;
            using (var runspace = RunspaceFactory.CreateRunspace(new TextHost(output), state))
            using (var ps = PowerShell.Create())
            {
                runspace.Open();
                ps.Runspace = runspace;
                ps.AddCommand(entry).AddParameter("ResultPath", resultPath);
                var running = ps.BeginInvoke();
                if (!running.AsyncWaitHandle.WaitOne(Deadline))
                {
                    ps.Stop();
                    problem = "Pester did not finish within " + Deadline.TotalMinutes + " minutes; it was stopped.";
                }
                else
                {
                    try
                    {
                        ps.EndInvoke(running);
                    }
                    catch (RuntimeException e)
                    {
                        problem = e.ToString();
                    }
                }

                output.Flush();
            }

            if (problem != null || !File.Exists(resultPath))
            {
                var why = problem ?? "the run ended without writing it";
                return new[]
                {
                    new PesterTestOutcome(EntryScript, "the Pester run", new TestOutcome(TestResult.Failed, "No Pester results (" + resultPath + "): " + why, TimeSpan.Zero)),
                };
            }

            return PesterResults.Read(resultPath);
        }
    }
}
