using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>One Toolhelp pass over the process list: id, parent id and image name of every process at one instant.</summary>
    internal static class ProcessSnapshot
    {
        public static IReadOnlyList<Entry> Take()
        {
            using (var snapshot = NativeMethods.CreateToolhelp32Snapshot(NativeMethods.Th32csSnapProcess, 0))
            {
                if (snapshot.IsInvalid)
                {
                    throw new Win32Exception(Marshal.GetLastWin32Error(), "Could not take a snapshot of the process list.");
                }

                var entries = new List<Entry>();
                var entry = new NativeMethods.ProcessEntry32W { dwSize = Marshal.SizeOf<NativeMethods.ProcessEntry32W>() };
                var more = NativeMethods.Process32FirstW(snapshot, ref entry);
                while (more)
                {
                    entries.Add(new Entry(entry.th32ProcessID, entry.th32ParentProcessID, entry.szExeFile ?? string.Empty));
                    more = NativeMethods.Process32NextW(snapshot, ref entry);
                }

                var error = Marshal.GetLastWin32Error();
                if (error != NativeMethods.ErrorNoMoreFiles && entries.Count == 0)
                {
                    throw new Win32Exception(error, "Could not read the process snapshot.");
                }

                return entries;
            }
        }

        internal readonly struct Entry
        {
            public Entry(int processId, int parentId, string exeFile)
            {
                ProcessId = processId;
                ParentId = parentId;
                ExeFile = exeFile;
            }

            public int ProcessId { get; }

            public int ParentId { get; }

            /// <summary>The image file name without folder, e.g. ms-teams.exe.</summary>
            public string ExeFile { get; }
        }
    }
}
