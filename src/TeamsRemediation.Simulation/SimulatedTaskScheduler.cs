using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Xml.Linq;
using TeamsRemediation.Platform;
using TeamsRemediation.UserBridge;
using TeamsRemediation.Windows;

namespace TeamsRemediation.Simulation
{
    /// <summary>What a simulated session's program does once its task is started.</summary>
    public enum SimulatedRunEnd
    {
        /// <summary>The program exits (with <see cref="SimulatedTaskRun.ExitCode"/>); the task is Ready again.</summary>
        Exits,

        /// <summary>The program keeps running until the task is stopped.</summary>
        KeepsRunning,
    }

    /// <summary>One started task as a simulated session sees it: who, where, what it was told to run.</summary>
    public sealed class SimulatedTaskRun
    {
        private readonly SimulatedStorageSecurity storage;

        internal SimulatedTaskRun(string taskName, string userSid, int sessionId, string definitionXml, SimulatedStorageSecurity storage)
        {
            this.storage = storage;
            TaskName = taskName;
            UserSid = userSid;
            SessionId = sessionId;
            DefinitionXml = definitionXml;
            var exec = XDocument.Parse(definitionXml).Descendants(UserTaskDefinition.TaskNamespace + "Exec").Single();
            Command = (string)exec.Element(UserTaskDefinition.TaskNamespace + "Command")!;
            Arguments = (string)exec.Element(UserTaskDefinition.TaskNamespace + "Arguments")!;
            // What the session launcher starts: Windows PowerShell -File on the named script in the Scripts folder beside it.
            FileCommand = ScriptFileCommand.ParseLauncherLine(Arguments, Path.Combine(Path.GetDirectoryName(Command)!, ShippedScripts.FolderName));
            Request = ReadRequest(FileCommand.Parameter("RequestPath"));
        }

        public string TaskName { get; }

        public string UserSid { get; }

        public int SessionId { get; }

        public string DefinitionXml { get; }

        public string Command { get; }

        public string Arguments { get; }

        /// <summary>The script file and named values the launcher was given, as the powershell.exe -File command it starts.</summary>
        public ScriptFileCommand FileCommand { get; }

        /// <summary>
        /// What powershell.exe -File runs, as a call a PowerShell engine of a test runs the same way: the script file with each value
        /// as one literal string, a switch as present.
        /// </summary>
        public string ScriptCall => "& " + Literal(FileCommand.ScriptPath) + string.Concat(FileCommand.Parameters.Select(p =>
            " -" + p.Key + (p.Value == null ? string.Empty : " " + Literal(p.Value))));

        public int ExitCode { get; set; }

        /// <summary>The value of a named parameter of the command line ("-RunId ..."), or null.</summary>
        public string? Parameter(string name) => FileCommand.Parameter(name);

        /// <summary>The request file the bridge wrote for this run (the command's parameters), as it was when the task started.</summary>
        public BridgeRequestFile? Request { get; }

        private static string Literal(string text) => "'" + text.Replace("'", "''") + "'";

        private static BridgeRequestFile? ReadRequest(string? path)
        {
            if (path == null || !File.Exists(path))
            {
                return null;
            }

            using (var file = File.OpenRead(path))
            {
                var serializer = new System.Runtime.Serialization.Json.DataContractJsonSerializer(typeof(BridgeRequestFile));
                return (BridgeRequestFile?)serializer.ReadObject(file);
            }
        }

        /// <summary>Writes the result file where the task was told to, owned by <paramref name="ownerSid"/> (the run's user by default).</summary>
        public string WriteResult(string text, string? ownerSid = null)
        {
            var path = Parameter("ResultPath") ?? throw new InvalidOperationException("The task was given no -ResultPath.");
            File.WriteAllText(path, text);
            storage.Declare(path, "O:" + (ownerSid ?? UserSid) + "D:(A;;FA;;;SY)(A;;FA;;;" + UserSid + ")");
            return path;
        }
    }

    /// <summary>
    /// The Task Scheduler of a simulated PC. It keeps every definition it was given (for tests to read back), and
    /// when a task is started it asks the scenario what the user's session does with it: write a result, hang, fail
    /// to start the program. <see cref="Wait"/> passes no real time, so timeouts are reached without timed tests.
    /// </summary>
    public sealed class SimulatedTaskScheduler : IUserTaskScheduler
    {
        // SCHED_S_TASK_TERMINATED and HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS), as the service reports them.
        public const int TerminatedResult = 0x41306;
        private const int AlreadyExists = unchecked((int)0x800700B7);
        private const int FileNotFound = unchecked((int)0x80070002);

        private readonly object gate = new object();
        private readonly Dictionary<string, Entry> tasks = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Func<SimulatedTaskRun, SimulatedRunEnd>> sessions =
            new Dictionary<string, Func<SimulatedTaskRun, SimulatedRunEnd>>(StringComparer.OrdinalIgnoreCase);
        private readonly SimulatedStorageSecurity storage;
        private readonly List<SimulatedTaskRun> runs = new List<SimulatedTaskRun>();
        private readonly List<string> registered = new List<string>();
        private readonly List<string> deleted = new List<string>();

        public SimulatedTaskScheduler(SimulatedStorageSecurity storage)
        {
            this.storage = storage;
        }

        /// <summary>Called on every wait of the bridge (a scenario can log a user off or cancel the caller here).</summary>
        public Action? Waiting { get; set; }

        /// <summary>Users whose registration the service refuses (as it does for an account it cannot resolve).</summary>
        public ISet<string> RefusedUsers { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Every task ever started, in order.</summary>
        public IReadOnlyList<SimulatedTaskRun> Runs
        {
            get
            {
                lock (gate)
                {
                    return runs.ToList();
                }
            }
        }

        /// <summary>The names of every task ever registered and every task deleted, in order.</summary>
        public IReadOnlyList<string> RegisteredNames => Locked(() => registered.ToList());

        public IReadOnlyList<string> DeletedNames => Locked(() => deleted.ToList());

        /// <summary>The tasks registered now.</summary>
        public IReadOnlyList<string> Present => Locked(() => tasks.Keys.ToList());

        /// <summary>What the session of this user does with a started task.</summary>
        public void OnRun(string userSid, Func<SimulatedTaskRun, SimulatedRunEnd> behaviour) => Locked(() => sessions[userSid] = behaviour);

        /// <summary>A task left behind by a run that died (registered, never deleted).</summary>
        public void AddLeftover(string taskName, string userSid) =>
            Locked(() => tasks[taskName] = new Entry(taskName, "<Task />", userSid) { State = ScheduledTaskState.Running });

        public void Register(string taskName, string definitionXml, string userSid)
        {
            lock (gate)
            {
                if (RefusedUsers.Contains(userSid))
                {
                    throw new COMException("(" + userSid + ") No mapping between account names and security IDs was done.",
                        unchecked((int)0x80070534));
                }

                if (tasks.ContainsKey(taskName))
                {
                    throw new COMException("Cannot create a file when that file already exists.", AlreadyExists);
                }

                XDocument.Parse(definitionXml);
                tasks[taskName] = new Entry(taskName, definitionXml, userSid);
                registered.Add(taskName);
            }
        }

        /// <summary>The definition a task was registered with, while it is registered.</summary>
        public string Definition(string taskName) => Locked(() => tasks[taskName].DefinitionXml);

        public void Start(string taskName, int sessionId)
        {
            SimulatedTaskRun run;
            Func<SimulatedTaskRun, SimulatedRunEnd>? behaviour;
            lock (gate)
            {
                var entry = Find(taskName);
                run = new SimulatedTaskRun(taskName, entry.UserSid, sessionId, entry.DefinitionXml, storage);
                runs.Add(run);
                if (!SimulatedWow64.PathExistsFor(run.Command, starterIs32BitOn64BitOs: false))
                {
                    // The 64-bit service cannot find the program: the task ran and ended at once, its program never started.
                    entry.State = ScheduledTaskState.Ready;
                    entry.HasRun = true;
                    entry.LastResult = SimulatedWow64.PathNotFound;
                    return;
                }

                entry.State = ScheduledTaskState.Running;
                sessions.TryGetValue(entry.UserSid, out behaviour);
            }

            // The session's program runs outside the lock, as a real one would, so parallel runs overlap.
            var end = behaviour?.Invoke(run) ?? SimulatedRunEnd.Exits;
            lock (gate)
            {
                if (tasks.TryGetValue(taskName, out var entry) && end == SimulatedRunEnd.Exits)
                {
                    entry.State = ScheduledTaskState.Ready;
                    entry.HasRun = true;
                    entry.LastResult = run.ExitCode;
                }
            }
        }

        public ScheduledTaskStatus Query(string taskName) => Locked(() => tasks.TryGetValue(taskName, out var entry)
            ? new ScheduledTaskStatus(entry.State, entry.LastResult, entry.HasRun)
            : new ScheduledTaskStatus(ScheduledTaskState.NotFound, 0, false));

        public TimeSpan Wait(TimeSpan interval, CancellationToken cancellation)
        {
            Waiting?.Invoke();
            return interval;
        }

        public void Stop(string taskName) => Locked(() =>
        {
            if (tasks.TryGetValue(taskName, out var entry) && entry.State == ScheduledTaskState.Running)
            {
                entry.State = ScheduledTaskState.Ready;
                entry.HasRun = true;
                entry.LastResult = TerminatedResult;
            }

            return true;
        });

        public bool Delete(string taskName) => Locked(() =>
        {
            var removed = tasks.Remove(taskName);
            if (removed)
            {
                deleted.Add(taskName);
            }

            return removed;
        });

        public IReadOnlyList<string> List(string namePrefix) =>
            Locked(() => tasks.Keys.Where(n => n.TrimStart('\\').StartsWith(namePrefix, StringComparison.Ordinal)).ToList());

        private Entry Find(string taskName) =>
            tasks.TryGetValue(taskName, out var entry) ? entry : throw new COMException("The system cannot find the file specified.", FileNotFound);

        private T Locked<T>(Func<T> read)
        {
            lock (gate)
            {
                return read();
            }
        }

        private sealed class Entry
        {
            public Entry(string name, string definitionXml, string userSid)
            {
                Name = name;
                DefinitionXml = definitionXml;
                UserSid = userSid;
                State = ScheduledTaskState.Ready;
            }

            public string Name { get; }

            public string DefinitionXml { get; }

            public string UserSid { get; }

            public ScheduledTaskState State { get; set; }

            public int LastResult { get; set; }

            public bool HasRun { get; set; }
        }
    }
}
