using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace TeamsRemediation.Tests.Support
{
    /// <summary>This test assembly started again as a child process (<see cref="ChildHost"/>), killed for real on dispose.</summary>
    public sealed class ChildProcess : IDisposable
    {
        private readonly Process process;

        private ChildProcess(Process process)
        {
            this.process = process;
        }

        public static ChildProcess Start(params string[] arguments)
        {
            var assembly = typeof(ChildHost).Assembly.Location;
            var host = Environment.ProcessPath != null && Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet"
                ? Environment.ProcessPath : "dotnet";
            var start = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(assembly);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
            process.OutputDataReceived += (_, __) => { };
            process.BeginOutputReadLine();
            return new ChildProcess(process);
        }

        /// <summary>Waits until the child writes <paramref name="marker"/>; fails with its error output when it ends first or never gets
        /// there.</summary>
        public void WaitFor(string marker, TimeSpan limit)
        {
            var deadline = DateTime.UtcNow + limit;
            while (!File.Exists(marker))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException("The child ended (exit " + process.ExitCode + ") before " + marker + ": "
                        + process.StandardError.ReadToEnd());
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("The child did not reach " + marker + " within " + limit + ".");
                }

                Thread.Sleep(50);
            }
        }

        /// <summary>Kills the child and its descendants, the way a power cut or a killed Intune agent ends a run, and waits until it is
        /// gone.</summary>
        public void Kill()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                Kill();
            }

            process.Dispose();
        }
    }
}
