using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>Ends a process together with everything it started, so a timed-out powershell.exe leaves no orphaned child holding files or
    /// pipes.</summary>
    internal static class ProcessTree
    {
        // Process.Kill(bool entireProcessTree) exists from .NET Core 3.0 (PowerShell 7). Windows PowerShell 5.1 runs
        // on .NET Framework, which has only Kill(); there the Toolhelp walk below does the same job.
        private static readonly MethodInfo? KillEntireTree = typeof(Process).GetMethod("Kill", new[] { typeof(bool) });

        public static void Kill(Process root)
        {
            if (KillEntireTree != null)
            {
                try
                {
                    KillEntireTree.Invoke(root, new object[] { true });
                    return;
                }
                catch (TargetInvocationException e) when (e.InnerException is InvalidOperationException || e.InnerException is Win32Exception
                    || e.InnerException is AggregateException)
                {
                    // Already exited, or a descendant we may not end (another user's elevated child): nothing more we can do.
                    return;
                }
                catch (TargetInvocationException e) when (e.InnerException is ArgumentException)
                {
                    // .NET reads the start time of every process on the PC before it kills anything; one it cannot convert (seen
                    // under Wine: a creation FILETIME out of range) ends that walk with nothing killed. The walk below reads only
                    // the times of the root's own family.
                }
            }

            var descendants = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? WindowsDescendants(root.Id) : new List<ProcessInfo>();
            TryKill(() => root.Kill());
            var table = new WindowsProcessTable();
            foreach (var descendant in descendants)
            {
                TryKill(() => table.Kill(descendant));
            }
        }

        /// <summary>
        /// Every process below the root, from one snapshot taken before anything is killed, each with its start time so that a
        /// child whose id is reused before its turn is left alone. A parent id can be stale (Windows reuses ids), so a child counts
        /// only when it started after its parent, as .NET's own Kill(true) checks.
        /// </summary>
        private static List<ProcessInfo> WindowsDescendants(int rootId)
        {
            var snapshot = ProcessSnapshot.Take();
            var created = new Dictionary<int, long?>();
            long? CreationTime(int id)
            {
                if (!created.TryGetValue(id, out var time))
                {
                    using (var process = NativeMethods.OpenProcess(NativeMethods.ProcessQueryLimitedInformation, false, id))
                    {
                        time = process.IsInvalid ? null : ProcessIdentity.CreationFileTime(process);
                    }

                    created[id] = time;
                }

                return time;
            }

            var found = new List<ProcessInfo>();
            var queue = new Queue<int>();
            queue.Enqueue(rootId);
            while (queue.Count > 0)
            {
                var parent = queue.Dequeue();
                foreach (var child in snapshot.Where(e => e.ParentId == parent && e.ProcessId != parent && e.ProcessId != 0))
                {
                    var parentTime = CreationTime(parent);
                    var childTime = CreationTime(child.ProcessId);
                    if (parentTime != null && childTime != null && childTime >= parentTime && found.All(f => f.Id != child.ProcessId))
                    {
                        found.Add(new ProcessInfo(child.ProcessId, WindowsProcessTable.DisplayName(child.ProcessId, child.ExeFile), parent, -1, null,
                            null, ProcessIdentity.AsUtc(childTime)));
                        queue.Enqueue(child.ProcessId);
                    }
                }
            }

            return found;
        }

        private static void TryKill(Action kill)
        {
            try
            {
                kill();
            }
            catch (InvalidOperationException)
            {
                // Exited on its own meanwhile.
            }
            catch (Win32Exception)
            {
                // Not ours to end; the timeout is still reported.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
