using System;
using System.IO;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Simulation
{
    /// <summary>
    /// A whole PC for tests and the demo: in-memory registry, declared processes, recorded command outputs,
    /// and a real folder on disk holding its Users, ProgramData and Windows trees, so file work is real.
    /// Build one with <see cref="SimulatedPc"/>.
    /// </summary>
    public sealed class SimulatedMachine : IMachine, IDisposable
    {
        public SimulatedMachine(string rootFolder, string computerName = "PC01")
        {
            RootFolder = Path.GetFullPath(rootFolder);
            ComputerName = computerName;
            Directory.CreateDirectory(UsersFolder);
            Directory.CreateDirectory(ProgramDataPath);
            Directory.CreateDirectory(WindowsPath);
            UserDirectory = new SimulatedUserDirectory(SimulatedRegistry);
            ProcessTable.Caller = () => UserDirectory.Caller;
            StorageSecurity.Declare(ProgramDataPath, SimulatedStorageSecurity.ProgramData);
            TaskScheduler = new SimulatedTaskScheduler(StorageSecurity);
            EventLogWriter = new SimulatedEventLogWriter(SimulatedRegistry);
            SimulatedNetwork = new SimulatedNetworkProbe(SimulatedClock);
            Network = SimulatedNetwork;
            SimulatedEvents = new SimulatedEventSource(SimulatedClock);
            CommandRunner.CallerIs32Bit = () => Is32BitProcess;
            SimulatedNetworkSettings = new SimulatedNetworkSettings(SimulatedRegistry, () => Is32BitProcess);

            // The two machine repairs, as Windows answers them as an administrator: the clock takes the servers' time, the
            // resolver cache forgets its failed lookups. A scenario records other answers over these.
            CommandRunner.RecordWithEffect("w32tm", CommandResult.Completed(0, "Sending resync command to local computer\r\n"
                + "The command completed successfully.\r\n"), "^/resync$", () => SimulatedNetwork.ServerClockOffset = TimeSpan.Zero);
            CommandRunner.RecordWithEffect("ipconfig", CommandResult.Completed(0, "\r\nWindows IP Configuration\r\n\r\n"
                + "Successfully flushed the DNS Resolver Cache.\r\n"), "^/flushdns$", SimulatedNetwork.FlushResolverCache);
        }

        public string RootFolder { get; }

        public string ComputerName { get; }

        public string UsersFolder => Path.Combine(RootFolder, "Users");

        public string ProgramDataPath => Path.Combine(RootFolder, "ProgramData");

        public string WindowsPath => Path.Combine(RootFolder, "Windows");

        public SimulatedRegistry SimulatedRegistry { get; } = new SimulatedRegistry();

        public SimulatedProcessTable ProcessTable { get; } = new SimulatedProcessTable();

        public SimulatedCommandRunner CommandRunner { get; } = new SimulatedCommandRunner();

        public SimulatedUserDirectory UserDirectory { get; }

        /// <summary>
        /// The real time when the PC is made, moved by <see cref="SimulatedClockOffset"/> when that is set; a scenario sets its own.
        /// </summary>
        public SimulatedClock SimulatedClock { get; } = new SimulatedClock(DateTimeOffset.UtcNow + SimulatedClockOffset.FromEnvironment());

        /// <summary>Real file operations with locked or denied paths a scenario chooses.</summary>
        public SimulatedFileOperations FileOperations { get; } = new SimulatedFileOperations();

        public bool Is32BitProcess { get; set; }

        /// <summary>PowerShell 7 on .NET on Windows 11 unless a scenario picks Windows PowerShell 5.1
        /// (<see cref="SimulatedPc.WindowsPowerShell51"/>).</summary>
        public HostRuntime Runtime { get; set; } = HostRuntime.DotNet(SimulatedPc.Windows11Build);

        /// <summary>Windows Enterprise multi-session or a Remote Desktop Session Host (see <see cref="SimulatedPc.MultiSession"/>).</summary>
        public bool IsMultiSessionHost { get; set; }

        /// <summary>When set, the folder is deleted on dispose (a scenario that made its own temp folder).</summary>
        public bool OwnsRootFolder { get; set; }

        public IRegistry Registry => SimulatedRegistry;

        public IProcessTable Processes => ProcessTable;

        public ICommandRunner Commands => CommandRunner;

        public IUserDirectory Users => UserDirectory;

        public IClock Clock => SimulatedClock;

        public SimulatedNetworkProbe SimulatedNetwork { get; }

        /// <summary>The simulated network by default; a test may attach the real socket probe to reach servers on 127.0.0.1.</summary>
        public INetworkProbe Network { get; set; }

        public SimulatedNetworkSettings SimulatedNetworkSettings { get; }

        public INetworkSettings NetworkSettings => SimulatedNetworkSettings;

        public SimulatedEventSource SimulatedEvents { get; }

        public IEventSource Events => SimulatedEvents;

        /// <summary>A healthy TPM 2.0 (not in lockout, no failed authorization) unless a scenario says otherwise.</summary>
        public SimulatedTpm SimulatedTpm { get; } = new SimulatedTpm();

        public ITpmState Tpm => SimulatedTpm;

        /// <summary>The signatures a scenario declares per file; an undeclared file is unsigned.</summary>
        public SimulatedFileSignatures SimulatedSignatures { get; } = new SimulatedFileSignatures();

        public IFileSignatures Signatures => SimulatedSignatures;
        public FileSystem.IFileOperations Files => FileOperations;

        /// <summary>Owners and DACLs by path; ProgramData is declared as Windows ships it.</summary>
        public SimulatedStorageSecurity StorageSecurity { get; } = new SimulatedStorageSecurity();

        public IStorageSecurity Storage => StorageSecurity;

        /// <summary>The task service: records every definition and plays what each user's session does with its run.</summary>
        public SimulatedTaskScheduler TaskScheduler { get; }

        public IUserTaskScheduler Tasks => TaskScheduler;

        public SimulatedEventLogWriter EventLogWriter { get; }

        public IEventLogWriter EventLog => EventLogWriter;

        /// <summary>
        /// Points the module's cmdlets in this runspace (a System.Management.Automation.Runspaces.Runspace) at this
        /// machine instead of the PC they run on.
        /// </summary>
        public void AttachTo(object runspace) => MachineHook.Attach(runspace, this);

        /// <summary>Gives the runspace back to the PC it runs on.</summary>
        public static void DetachFrom(object runspace) => MachineHook.Detach(runspace);

        public void Dispose()
        {
            if (OwnsRootFolder && Directory.Exists(RootFolder))
            {
                try
                {
                    Directory.Delete(RootFolder, recursive: true);
                }
                catch (IOException)
                {
                    // A test's leftover handle: the folder is in the temp area and goes with it.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }
}
