using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Simulation
{
    /// <summary>
    /// The processes a scenario declares. An entry may stand for a real child process of the test (a copy of
    /// <c>sleep</c> named ms-teams): then closing sends it SIGTERM, killing sends SIGKILL and waiting waits for
    /// the real exit, so "stopped" is proven by the OS, not by a flag.
    /// </summary>
    public sealed class SimulatedProcessTable : IProcessTable
    {
        private readonly object gate = new object();
        private readonly List<Entry> entries = new List<Entry>();
        private readonly List<string> started = new List<string>();
        private int nextId = 40000;
        private int debugPrivilegeHolders;
        private int debugPrivilegeRequests;

        /// <summary>
        /// Who runs the module. Windows shows another user's process with its owner, and lets it be stopped, only to SYSTEM and to an
        /// elevated administrator who enabled SeDebugPrivilege (<see cref="ActOnOtherUsers"/>); anyone else gets no owner and access denied.
        /// Null (the default) lets every caller see and stop everything, as the table did before it knew its caller.
        /// </summary>
        public Func<CallerIdentity>? Caller { get; set; }

        /// <summary>How many times SeDebugPrivilege was asked for.</summary>
        public int DebugPrivilegeRequests
        {
            get
            {
                lock (gate)
                {
                    return debugPrivilegeRequests;
                }
            }
        }

        /// <summary>True while a scope of <see cref="ActOnOtherUsers"/> is open and the caller holds the privilege.</summary>
        public bool DebugPrivilegeEnabled
        {
            get
            {
                lock (gate)
                {
                    return debugPrivilegeHolders > 0 && (Caller?.Invoke().IsElevated ?? true);
                }
            }
        }

        public IDisposable ActOnOtherUsers()
        {
            lock (gate)
            {
                debugPrivilegeRequests++;
                debugPrivilegeHolders++;
            }

            return new PrivilegeScope(this);
        }

        /// <summary>Programs started through <see cref="Start"/>, as "path args".</summary>
        public IReadOnlyList<string> Started
        {
            get
            {
                lock (gate)
                {
                    return started.ToList();
                }
            }
        }

        /// <summary>Declares a process that exists only in the simulation.</summary>
        public ProcessInfo Add(string name, int sessionId, string? ownerSid, int parentId = 0, string? executablePath = null,
            bool ignoresClose = false)
        {
            lock (gate)
            {
                var info = new ProcessInfo(nextId++, name, parentId, sessionId, ownerSid, executablePath);
                entries.Add(new Entry(info, real: null, ignoresClose));
                return info;
            }
        }

        /// <summary>Declares a real running process of this machine as a Teams-like process of the simulated PC.</summary>
        public ProcessInfo AddReal(Process process, string name, int sessionId, string? ownerSid, int parentId = 0, bool ignoresClose = false)
        {
            lock (gate)
            {
                var info = new ProcessInfo(process.Id, name, parentId, sessionId, ownerSid, null);
                entries.Add(new Entry(info, process, ignoresClose));
                return info;
            }
        }

        public IReadOnlyList<ProcessInfo> List()
        {
            lock (gate)
            {
                entries.RemoveAll(e => e.Real != null && HasExited(e.Real));
                return entries.Select(e => MayOpen(e.Info) ? e.Info
                    : new ProcessInfo(e.Info.Id, e.Info.Name, e.Info.ParentId, e.Info.SessionId, null, e.Info.ExecutablePath)).ToList();
            }
        }

        public bool RequestClose(int processId)
        {
            var entry = Find(processId);
            if (entry == null)
            {
                return false;
            }

            if (entry.IgnoresClose)
            {
                return true;
            }

            if (entry.Real != null)
            {
                SendTerminate(entry.Real.Id);
            }
            else
            {
                Remove(entry);
            }

            return true;
        }

        public void Kill(int processId)
        {
            var entry = Find(processId);
            if (entry == null)
            {
                return;
            }

            if (!MayOpen(entry.Info))
            {
                throw new UnauthorizedAccessException("Could not stop process " + processId + ": Access is denied.");
            }

            if (entry.Real == null)
            {
                Remove(entry);
                return;
            }

            // A killed real process is gone only once the OS says so, as on Windows: it stays listed until it has
            // exited, and WaitForExit waits for that exit.
            if (!HasExited(entry.Real))
            {
                try
                {
                    entry.Real.Kill();
                }
                catch (InvalidOperationException)
                {
                    // Exited between the check and the kill: the outcome asked for.
                }
            }
        }

        public bool WaitForExit(int processId, TimeSpan timeout)
        {
            var entry = Find(processId);
            if (entry == null)
            {
                return true;
            }

            if (entry.Real == null)
            {
                return false;
            }

            var exited = entry.Real.WaitForExit((int)Math.Min(int.MaxValue, Math.Max(0, timeout.TotalMilliseconds)));
            if (exited)
            {
                Remove(entry);
            }

            return exited;
        }

        public int Start(string executablePath, string arguments)
        {
            lock (gate)
            {
                started.Add((executablePath + " " + arguments).Trim());
                var name = System.IO.Path.GetFileNameWithoutExtension(executablePath);
                var info = new ProcessInfo(nextId++, name, 0, 1, null, executablePath);
                entries.Add(new Entry(info, real: null, ignoresClose: false));
                return info.Id;
            }
        }

        /// <summary>Whether the caller may open the process (read its owner, stop it): see <see cref="Caller"/>.</summary>
        private bool MayOpen(ProcessInfo process)
        {
            var caller = Caller?.Invoke();
            return caller == null || caller.IsSystem || process.OwnerSid == null
                || string.Equals(process.OwnerSid, caller.Sid, StringComparison.OrdinalIgnoreCase)
                || caller.IsElevated && Volatile.Read(ref debugPrivilegeHolders) > 0;
        }

        private static bool HasExited(Process process)
        {
            try
            {
                return process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }

        private static void SendTerminate(int pid)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                _ = kill(pid, 15);
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int sig);

        private Entry? Find(int processId)
        {
            lock (gate)
            {
                return entries.FirstOrDefault(e => e.Info.Id == processId);
            }
        }

        private void Remove(Entry entry)
        {
            lock (gate)
            {
                entries.Remove(entry);
            }
        }

        private sealed class Entry
        {
            public Entry(ProcessInfo info, Process? real, bool ignoresClose)
            {
                Info = info;
                Real = real;
                IgnoresClose = ignoresClose;
            }

            public ProcessInfo Info { get; }

            public Process? Real { get; }

            public bool IgnoresClose { get; }
        }

        private sealed class PrivilegeScope : IDisposable
        {
            private SimulatedProcessTable? table;

            public PrivilegeScope(SimulatedProcessTable table)
            {
                this.table = table;
            }

            public void Dispose()
            {
                var owner = Interlocked.Exchange(ref table, null);
                if (owner != null)
                {
                    lock (owner.gate)
                    {
                        owner.debugPrivilegeHolders--;
                    }
                }
            }
        }
    }
}
