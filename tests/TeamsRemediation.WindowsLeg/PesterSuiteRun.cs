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
    /// prompts and writes what Pester shows straight to the leg's output, so a hang shows where it stopped). Pester runs
    /// with the settings of the suites' Invoke-PesterSuite.ps1 and hands back its result object, whose tests are
    /// counted here: it keeps the reason Set-ItResult -Skipped -Because gave, which Pester's NUnit 2.5 report drops.
    /// The suites import the module the build laid out, on the real Windows adapters: no simulated machine is attached.
    /// </summary>
    public static class PesterSuiteRun
    {
        /// <summary>
        /// Generous: the suites take under a minute under Wine. Past it the run is stopped and counted as one failure, so
        /// a hang costs minutes, not the CI job.
        /// </summary>
        public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

        // One object per test, made in the engine: Pester's own objects are easier to read there than through PSObject.
        private const string Script = @"
param([string] $Suites)
$ErrorActionPreference = 'Stop'
Import-Module Pester -MinimumVersion 5.0.0
$config = New-PesterConfiguration
$config.Run.Path = $Suites
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$run = Invoke-Pester -Configuration $config
foreach ($test in $run.Tests) {
    [pscustomobject]@{
        File = [string] $test.ScriptBlock.File
        Name = [string] $test.ExpandedPath
        Result = [string] $test.Result
        Message = (@($test.ErrorRecord) | ForEach-Object { $_.Exception.Message }) -join [Environment]::NewLine
        Milliseconds = [double] $test.Duration.TotalMilliseconds
    }
}";

        /// <param name="suitesFolder">tests/Pester of the checkout (PesterSupport.ps1 finds out/ from there).</param>
        /// <param name="modulesFolder">The folder .ci/install-tools puts Pester in (Pester/5.9.1/Pester.psd1), put first on PSModulePath.</param>
        /// <param name="output">Receives what Pester shows (its per-test lines and failure details).</param>
        public static IReadOnlyList<PesterTestOutcome> Run(string suitesFolder, string modulesFolder, TextWriter output)
        {
            if (!Directory.GetFiles(suitesFolder, "*.Tests.ps1").Any())
            {
                throw new FileNotFoundException("No Pester suites (*.Tests.ps1) in " + suitesFolder + ".");
            }

            // Read by the runspace when it opens: the installed Pester is found before any other.
            var modulePath = Environment.GetEnvironmentVariable("PSModulePath");
            Environment.SetEnvironmentVariable("PSModulePath", modulesFolder + Path.PathSeparator + modulePath);
            EngineTelemetry.EnsureSilent();
            var state = InitialSessionState.CreateDefault2();

            // Windows refuses script modules (Pester) and format files under its default policy, Restricted: bypass it
            // for this process only, as `pwsh -ExecutionPolicy Bypass` does (the leg runs only on Windows and Wine).
            state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            using (var runspace = RunspaceFactory.CreateRunspace(new TextHost(output), state))
            using (var ps = PowerShell.Create())
            {
                runspace.Open();
                ps.Runspace = runspace;
                ps.AddScript(Script).AddArgument(suitesFolder);
                var running = ps.BeginInvoke();
                string problem;
                if (!running.AsyncWaitHandle.WaitOne(Deadline))
                {
                    ps.Stop();
                    problem = "Pester did not finish within " + Deadline.TotalMinutes + " minutes; it was stopped.";
                }
                else
                {
                    try
                    {
                        var tests = ps.EndInvoke(running).Select(Outcome).ToList();
                        if (tests.Count > 0)
                        {
                            return tests;
                        }

                        problem = "Pester ran no test.";
                    }
                    catch (RuntimeException e)
                    {
                        problem = e.ToString();
                    }
                }

                var failed = new TestOutcome(TestResult.Failed, problem, TimeSpan.Zero);
                return new[] { new PesterTestOutcome("(no suite file)", "the Pester run", failed) };
            }
        }

        /// <summary>Passed and Failed as Pester says; Skipped, NotRun and Inconclusive are not passes, and count as skipped.</summary>
        private static PesterTestOutcome Outcome(PSObject test)
        {
            string Text(string name) => test.Properties[name]?.Value as string ?? string.Empty;
            var file = Text("File");
            var duration = TimeSpan.FromMilliseconds(Convert.ToDouble(test.Properties["Milliseconds"]?.Value ?? 0.0));
            var result = Text("Result") == "Passed" ? TestResult.Passed : Text("Result") == "Failed" ? TestResult.Failed : TestResult.Skipped;
            var message = Text("Message");
            if (result == TestResult.Skipped && message.Length == 0)
            {
                message = Text("Result") + ", with no reason given";
            }

            return new PesterTestOutcome(Path.GetFileName(file.Replace('\\', '/')), Text("Name"), new TestOutcome(result, message, duration));
        }
    }
}
