using System;
using System.Runtime.InteropServices;

namespace TeamsRemediation.Windows
{
    /// <summary>kernel32 process functions (sdk-api tlhelp32, processthreadsapi, winbase, synchapi).</summary>
    internal static partial class NativeMethods
    {
        internal const int Th32csSnapProcess = 0x00000002;
        internal const int ErrorNoMoreFiles = 18;

        internal const int ProcessTerminate = 0x0001;
        internal const int ProcessQueryLimitedInformation = 0x1000;
        internal const int Synchronize = 0x00100000;

        internal const uint WaitObject0 = 0x00000000;
        internal const uint WaitTimeout = 0x00000102;
        internal const uint WaitFailed = 0xFFFFFFFF;
        internal const uint Infinite = 0xFFFFFFFF;

        [DllImport("kernel32.dll", SetLastError = true, ExactSpelling = true)]
        internal static extern KernelHandle CreateToolhelp32Snapshot(int dwFlags, int th32ProcessID);

        [DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode, ExactSpelling = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool Process32FirstW(KernelHandle hSnapshot, ref ProcessEntry32W lppe);

        [DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode, ExactSpelling = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool Process32NextW(KernelHandle hSnapshot, ref ProcessEntry32W lppe);

        [DllImport("kernel32.dll", SetLastError = true, ExactSpelling = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool ProcessIdToSessionId(int dwProcessId, out int pSessionId);

        [DllImport("kernel32.dll", SetLastError = true, ExactSpelling = true)]
        internal static extern KernelHandle OpenProcess(int dwDesiredAccess, [MarshalAs(UnmanagedType.Bool)] bool bInheritHandle, int dwProcessId);

        [DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode, ExactSpelling = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool QueryFullProcessImageNameW(KernelHandle hProcess, int dwFlags, char[] lpExeName, ref int lpdwSize);

        [DllImport("kernel32.dll", SetLastError = true, ExactSpelling = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool TerminateProcess(KernelHandle hProcess, uint uExitCode);

        [DllImport("kernel32.dll", SetLastError = true, ExactSpelling = true)]
        internal static extern uint WaitForSingleObject(KernelHandle hHandle, uint dwMilliseconds);

        [DllImport("kernel32.dll", SetLastError = true, ExactSpelling = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool GetProcessTimes(KernelHandle hProcess, out long lpCreationTime, out long lpExitTime, out long lpKernelTime,
            out long lpUserTime);

        [DllImport("kernel32.dll", ExactSpelling = true)]
        internal static extern IntPtr GetCurrentProcess();

        [DllImport("kernel32.dll", ExactSpelling = true)]
        internal static extern int GetCurrentProcessId();

        [DllImport("kernel32.dll", SetLastError = true, ExactSpelling = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool CloseHandle(IntPtr hObject);

        [DllImport("kernel32.dll", SetLastError = true, ExactSpelling = true)]
        internal static extern IntPtr LocalFree(IntPtr hMem);

        /// <summary>PROCESSENTRY32W: szExeFile is a fixed WCHAR[MAX_PATH] inside the struct, th32DefaultHeapID is a ULONG_PTR.</summary>
        [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
        internal struct ProcessEntry32W
        {
            public int dwSize;
            public int cntUsage;
            public int th32ProcessID;
            public IntPtr th32DefaultHeapID;
            public int th32ModuleID;
            public int cntThreads;
            public int th32ParentProcessID;
            public int pcPriClassBase;
            public int dwFlags;

            [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 260)]
            public string szExeFile;
        }
    }
}
