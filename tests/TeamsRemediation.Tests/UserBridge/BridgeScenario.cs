using System;
using System.IO;
using System.Linq;
using System.Threading;
using TeamsRemediation.Logging;
using TeamsRemediation.Simulation;
using TeamsRemediation.UserBridge;

namespace TeamsRemediation.Tests.UserBridge
{
    /// <summary>A simulated PC run as SYSTEM, with its task service, its machine log and a bridge over both.</summary>
    internal sealed class BridgeScenario : IDisposable
    {
        /// <summary>An Entra ID user's SID: the kind a name lookup may not resolve, so tasks must be registered by it.</summary>
        public const string EntraSid = "S-1-12-1-3171447326-1293838417-2913413554-1386447447";

        /// <param name="host">One of <see cref="Support.HostUnderTest"/>: PowerShell 7 unless named.</param>
        public BridgeScenario(string host = Support.HostUnderTest.PowerShell7)
        {
            Pc = Support.HostUnderTest.Apply(SimulatedPc.Create(), host).RunAsSystem();
            Log = new MachineLog(Machine);
            Bridge = new UserSessionBridge(Machine, Log);
            Manifest = Path.Combine(Machine.RootFolder, "Program Files", "WindowsPowerShell", "Modules", "TeamsRemediation", "TeamsRemediation.psd1");
        }

        public SimulatedPc Pc { get; }

        public SimulatedMachine Machine => Pc.Machine;

        public SimulatedTaskScheduler Tasks => Machine.TaskScheduler;

        public MachineLog Log { get; }

        public UserSessionBridge Bridge { get; }

        public string Manifest { get; }

        public string BridgeFolder => BridgeRunFolder.BridgeFolder(Machine);

        public string LogText => File.Exists(Log.FilePath) ? File.ReadAllText(Log.FilePath) : string.Empty;

        public BridgeRequest Request(string command = "Get-TeamsInstallation") =>
            new BridgeRequest(Manifest, command) { Timeout = TimeSpan.FromSeconds(60), PollInterval = TimeSpan.FromSeconds(1) };

        public System.Collections.Generic.IReadOnlyList<UserSessionRun> Run(BridgeRequest request, CancellationToken cancellation = default) =>
            Bridge.Run(request, cancellation);

        /// <summary>The run folders left under %ProgramData%\TeamsRemediation\UserBridge.</summary>
        public string[] LeftFolders => Directory.Exists(BridgeFolder) ? Directory.GetDirectories(BridgeFolder) : Array.Empty<string>();

        /// <summary>A result of the documented shape for this run, holding one object with a User property and the given errors.</summary>
        public static string ResultFor(SimulatedTaskRun run, string user, string languageMode = "FullLanguage", string errors = "") =>
            "{\"schema\":\"TeamsRemediation.UserBridgeResult/1\",\"runId\":\"" + run.Parameter("RunId") + "\",\"languageMode\":\"" + languageMode
            + "\",\"psVersion\":\"5.1.19041.4648\",\"objects\":[{\"typeName\":\"TeamsRemediation.Inventory.TeamsInstallation\",\"kind\":\"Object\","
            + "\"value\":null,\"properties\":[{\"name\":\"User\",\"kind\":\"String\",\"value\":\"" + user.Replace("\\", "\\\\")
            + "\",\"values\":null},"
            + "{\"name\":\"Session\",\"kind\":\"Number\",\"value\":\"" + run.SessionId + "\",\"values\":null}]}],"
            + "\"errors\":[" + errors + "],\"end\":\"" + run.Parameter("RunId") + "\"}";

        public void Dispose() => Machine.Dispose();
    }
}
