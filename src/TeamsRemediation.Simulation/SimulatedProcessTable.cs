using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Simulation
{
    /// <summary>
    /// The processes a scenario declares. An entry may stand for a real child process of the test (a copy of
    /// <c>sleep</c> named ms-teams): then killing sends SIGKILL and waiting waits for the real exit, so "stopped" is
    /// proven by the OS, not by a flag. Each process has a start time, and an id can be given to a new process once
    /// the old one is gone (<see cref="ReuseId"/>), as Windows does: a kill or a wait for the listed process never
    /// touches the one that got its id.
    /// </summary>
    public sealed class SimulatedProcessTable : IProcessTable
    {
        private readonly object gate = new object();
        private readonly List<Entry> entries = new List<Entry>();
        private readonly List<string> started = new List<string>();
        private readonly List<string> actions = new List<string>();
        private int nextId = 40000;
        private DateTime lastStart;
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

        /// <summary>What was done to which process, in order: "kill ms-teams (40000)", "wait ms-teams (40000) 5000 ms".</summary>
        public IReadOnlyList<string> Actions
        {
            get
            {
                lock (gate)
                {
                    return actions.ToList();
                }
            }
        }

        /// <summary>Declares a process that exists only in the simulation.</summary>
        public ProcessInfo Add(string name, int sessionId, string? ownerSid, int parentId = 0, string? executablePath = null)
        {
            lock (gate)
            {
                var info = new ProcessInfo(nextId++, name, parentId, sessionId, ownerSid, executablePath, NextStartTime());
                entries.Add(new Entry(info, real: null));
                return info;
            }
        }

        /// <summary>Declares a real running process of this machine as a Teams-like process of the simulated PC.</summary>
        public ProcessInfo AddReal(Process process, string name, int sessionId, string? ownerSid, int parentId = 0)
        {
            lock (gate)
            {
                var info = new ProcessInfo(process.Id, name, parentId, sessionId, ownerSid, null, NextStartTime());
                entries.Add(new Entry(info, process));
                return info;
            }
        }

        /// <summary>
        /// The listed process exits and its id goes at once to a new process of <paramref name="name"/> (Windows reuses ids): the
        /// race between a listing and a kill. Returns the new process.
        /// </summary>
        public ProcessInfo ReuseId(ProcessInfo exited, string name, int sessionId, string? ownerSid)
        {
            lock (gate)
            {
                entries.RemoveAll(e => e.Info.Id == exited.Id);
                var info = new ProcessInfo(exited.Id, name, 0, sessionId, ownerSid, null, NextStartTime());
                entries.Add(new Entry(info, real: null));
                return info;
            }
        }

        public IReadOnlyList<ProcessInfo> List()
        {
            lock (gate)
            {
                entries.RemoveAll(e => e.Real != null && HasExited(e.Real));
                return entries.Select(e => MayOpen(e.Info) ? e.Info
                    : new ProcessInfo(e.Info.Id, e.Info.Name, e.Info.ParentId, e.Info.SessionId, null, e.Info.ExecutablePath, e.Info.StartTimeUtc))
                    .ToList();
            }
        }

        public ProcessKillOutcome Kill(ProcessInfo listed)
        {
            Record("kill " + listed);
            var entry = Find(listed.Id);
            if (entry == null)
            {
                return ProcessKillOutcome.AlreadyGone;
            }

            if (!listed.IsSameProcessAs(entry.Info.Name, entry.Info.StartTimeUtc))
            {
                return ProcessKillOutcome.IdReused;
            }

            if (!MayOpen(entry.Info))
            {
                throw new UnauthorizedAccessException("Could not stop process " + listed.Id + ": Access is denied.");
            }

            if (entry.Real == null)
            {
                Remove(entry);
                return ProcessKillOutcome.Ended;
            }

            // A killed real process is gone only once the OS says so, as on Windows: it stays listed until it has
            // exited, and WaitForExit waits for that exit.
            if (HasExited(entry.Real))
            {
                return ProcessKillOutcome.AlreadyGone;
            }

            try
            {
                entry.Real.Kill();
            }
            catch (InvalidOperationException)
            {
                // Exited between the check and the kill: the outcome asked for.
                return ProcessKillOutcome.AlreadyGone;
            }

            return ProcessKillOutcome.Ended;
        }

        public bool WaitForExit(ProcessInfo listed, TimeSpan timeout)
        {
            Record("wait " + listed + " " + (long)timeout.TotalMilliseconds + " ms");
            var entry = Find(listed.Id);
            if (entry == null || !listed.IsSameProcessAs(entry.Info.Name, entry.Info.StartTimeUtc))
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
                var info = new ProcessInfo(nextId++, name, 0, 1, null, executablePath, NextStartTime());
                entries.Add(new Entry(info, real: null));
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

        /// <summary>A start time later than every earlier one, however fast processes are declared: two never share one.</summary>
        private DateTime NextStartTime()
        {
            var now = DateTime.UtcNow;
            lastStart = now > lastStart ? now : lastStart.AddTicks(1);
            return lastStart;
        }

        private void Record(string action)
        {
            lock (gate)
            {
                actions.Add(action);
            }
        }

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
            public Entry(ProcessInfo info, Process? real)
            {
                Info = info;
                Real = real;
            }

            public ProcessInfo Info { get; }

            public Process? Real { get; }
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
