namespace TeamsRemediation.Platform
{
    /// <summary>
    /// Everything the services know about the PC they act on. The cmdlets get one per runspace through
    /// <see cref="MachineHook"/>: the local Windows machine by default, a simulated one in tests and the demo.
    /// Files are real files through System.IO, at the paths this machine names; only the changes made to them go
    /// through <see cref="Files"/>, so a test can make chosen files locked or denied.
    /// </summary>
    public interface IMachine
    {
        string ComputerName { get; }

        IRegistry Registry { get; }

        IProcessTable Processes { get; }

        ICommandRunner Commands { get; }

        IUserDirectory Users { get; }

        IClock Clock { get; }

        /// <summary>Reaches HTTPS endpoints (DNS, TCP, TLS 1.2, HTTP) for the sign-in checks.</summary>
        INetworkProbe Network { get; }

        /// <summary>The WinHTTP proxy and the network adapters.</summary>
        INetworkSettings NetworkSettings { get; }

        /// <summary>Event 1098 of the Microsoft-Windows-AAD/Operational log.</summary>
        IEventSource Events { get; }

        /// <summary>The TPM's own dictionary-attack state (read only).</summary>
        ITpmState Tpm { get; }

        /// <summary>Authenticode signatures of programs an admin names for the module to run (installers).</summary>
        IFileSignatures Signatures { get; }
        /// <summary>Deleting and moving files and folders (the real file system; fault-injecting in a simulation).</summary>
        FileSystem.IFileOperations Files { get; }

        /// <summary>Owners and DACLs of the module's own files and folders (journals, locks).</summary>
        IStorageSecurity Storage { get; }

        /// <summary>One-shot tasks that run a command in a logged-on user's own session (Task Scheduler on Windows).</summary>
        IUserTaskScheduler Tasks { get; }

        /// <summary>The Application event log, for the machine log's copy of its lines.</summary>
        IEventLogWriter EventLog { get; }

        /// <summary>True when this process runs 32-bit on a 64-bit OS (Intune's default host): a reminder, never a reason to skip a view.</summary>
        bool Is32BitProcess { get; }

        /// <summary>The runtime hosting the module (.NET Framework in Windows PowerShell 5.1, .NET in PowerShell 7) and the Windows build.</summary>
        HostRuntime Runtime { get; }

        /// <summary>
        /// Windows allows any number of concurrent interactive sessions here: Windows 10/11 Enterprise multi-session, or Windows
        /// Server with the Remote Desktop Session Host role (IsActiveSessionCountLimited() is false).
        /// </summary>
        bool IsMultiSessionHost { get; }

        /// <summary>%ProgramData%, where backups and journals live when the caller names no folder.</summary>
        string ProgramDataPath { get; }

        /// <summary>%SystemRoot%.</summary>
        string WindowsPath { get; }
    }
}
