using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace TeamsRemediation.SessionLauncher
{
    /// <summary>
    /// A Windows job object with JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE that PowerShell is put in: when the launcher ends in any way, including
    /// the Task Scheduler service terminating it (the bridge's Stop on timeout or log-off, the task's ExecutionTimeLimit), Windows closes
    /// the launcher's handle to the job and ends PowerShell with it, as the service ended powershell.exe when the task started it
    /// directly ("Causes all processes associated with the job to terminate when the last handle to the job is closed",
    /// JOBOBJECT_BASIC_LIMIT_INFORMATION; a process may belong to nested jobs from Windows 8 on). Only PowerShell itself: with
    /// JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK the programs it starts (Teams started again after a repair) are not in this job and keep
    /// running, where they would have been before. Off Windows (the tests) there are no job objects: nothing is done.
    /// </summary>
    internal sealed class KillOnCloseJob : IDisposable
    {
        private const int JobObjectExtendedLimitInformation = 9;
        private const uint LimitKillOnJobClose = 0x2000;
        private const uint LimitSilentBreakawayOk = 0x1000;

        private readonly SafeJobHandle? job;

        private KillOnCloseJob(SafeJobHandle? job)
        {
            this.job = job;
        }

        /// <summary>
        /// Ties <paramref name="process"/> to this process's lifetime. False when Windows refused (the run goes on: only the clean-up of
        /// a stopped task then leaves PowerShell to end by itself).
        /// </summary>
        public static KillOnCloseJob Tie(Process process, out bool tied)
        {
            tied = false;
            if (Environment.OSVersion.Platform != PlatformID.Win32NT)
            {
                return new KillOnCloseJob(null);
            }

            var job = CreateJobObjectW(IntPtr.Zero, null);
            if (job.IsInvalid)
            {
                return new KillOnCloseJob(null);
            }

            var basic = new JobObjectBasicLimits { LimitFlags = LimitKillOnJobClose | LimitSilentBreakawayOk };
            var limits = new JobObjectExtendedLimits { BasicLimitInformation = basic };
            tied = SetInformationJobObject(job, JobObjectExtendedLimitInformation, ref limits, Marshal.SizeOf(typeof(JobObjectExtendedLimits)))
                && AssignProcessToJobObject(job, process.Handle);
            return new KillOnCloseJob(job);
        }

        /// <summary>Closing the job ends what is still in it: only after PowerShell has exited, or when the launcher itself ends.</summary>
        public void Dispose() => job?.Dispose();

        [DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
        private static extern SafeJobHandle CreateJobObjectW(IntPtr jobAttributes, string? name);

        [DllImport("kernel32.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool SetInformationJobObject(SafeJobHandle job, int infoClass, ref JobObjectExtendedLimits info, int length);

        [DllImport("kernel32.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool AssignProcessToJobObject(SafeJobHandle job, IntPtr process);

        [DllImport("kernel32.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool CloseHandle(IntPtr handle);

        /// <summary>JOBOBJECT_BASIC_LIMIT_INFORMATION (winnt.h).</summary>
        [StructLayout(LayoutKind.Sequential)]
        private struct JobObjectBasicLimits
        {
            public long PerProcessUserTimeLimit;
            public long PerJobUserTimeLimit;
            public uint LimitFlags;
            public UIntPtr MinimumWorkingSetSize;
            public UIntPtr MaximumWorkingSetSize;
            public uint ActiveProcessLimit;
            public UIntPtr Affinity;
            public uint PriorityClass;
            public uint SchedulingClass;
        }

        /// <summary>IO_COUNTERS (winnt.h).</summary>
        [StructLayout(LayoutKind.Sequential)]
        private struct IoCounters
        {
            public ulong ReadOperationCount;
            public ulong WriteOperationCount;
            public ulong OtherOperationCount;
            public ulong ReadTransferCount;
            public ulong WriteTransferCount;
            public ulong OtherTransferCount;
        }

        /// <summary>JOBOBJECT_EXTENDED_LIMIT_INFORMATION (winnt.h).</summary>
        [StructLayout(LayoutKind.Sequential)]
        private struct JobObjectExtendedLimits
        {
            public JobObjectBasicLimits BasicLimitInformation;
            public IoCounters IoInfo;
            public UIntPtr ProcessMemoryLimit;
            public UIntPtr JobMemoryLimit;
            public UIntPtr PeakProcessMemoryUsed;
            public UIntPtr PeakJobMemoryUsed;
        }

        private sealed class SafeJobHandle : SafeHandleZeroOrMinusOneIsInvalid
        {
            public SafeJobHandle()
                : base(true)
            {
            }

            protected override bool ReleaseHandle() => CloseHandle(handle);
        }
    }
}
