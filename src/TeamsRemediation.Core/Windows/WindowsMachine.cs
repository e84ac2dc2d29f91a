using System;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>This Windows PC, as the cmdlets see it when no simulated machine is attached to their runspace.</summary>
    public sealed class WindowsMachine : IMachine
    {
        private static readonly Lazy<WindowsMachine> LocalMachine = new Lazy<WindowsMachine>(() => new WindowsMachine());

        private WindowsMachine()
        {
            var registry = new WindowsRegistry();
            var processes = new WindowsProcessTable();
            Registry = registry;
            Processes = processes;
            Commands = new ProcessCommandRunner();
            Users = new WindowsUserDirectory(registry, processes);
            Network = new Network.SocketNetworkProbe(HostRuntime.Current);
            NetworkSettings = new WindowsNetworkSettings();
            Events = new WevtutilEventSource(this);
        }

        /// <summary>The one instance for this process; the adapters hold no per-call state, so every runspace can share it.</summary>
        public static WindowsMachine Local => LocalMachine.Value;

        public string ComputerName => Environment.MachineName;

        public IRegistry Registry { get; }

        public IProcessTable Processes { get; }

        public ICommandRunner Commands { get; }

        public IUserDirectory Users { get; }

        public IClock Clock => SystemClock.Instance;

        public INetworkProbe Network { get; }

        public INetworkSettings NetworkSettings { get; }

        public IEventSource Events { get; }

        public ITpmState Tpm { get; } = new TbsTpmState();

        public IFileSignatures Signatures { get; } = new WinTrustFileSignatures();
        public FileSystem.IFileOperations Files => WindowsFileOperations.Instance;

        public IStorageSecurity Storage { get; } = new WindowsStorageSecurity();

        public IUserTaskScheduler Tasks { get; } = new WindowsTaskScheduler();

        public IEventLogWriter EventLog { get; } = new WindowsEventLogWriter();

        // The Windows machine is where bitness and folders are read for real; everything else asks IMachine, which tests set.
#pragma warning disable RS0030
        public bool Is32BitProcess => !Environment.Is64BitProcess && Environment.Is64BitOperatingSystem;

        public HostRuntime Runtime => HostRuntime.Current;

        public bool IsMultiSessionHost => MultiSession.Value;

        private static readonly Lazy<bool> MultiSession = new Lazy<bool>(SessionCountLimit.IsUnlimited);

        public string ProgramDataPath => Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData);

        public string WindowsPath => Environment.GetFolderPath(Environment.SpecialFolder.Windows);
#pragma warning restore RS0030
    }
}
