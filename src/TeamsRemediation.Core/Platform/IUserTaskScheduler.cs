using System;
using System.Collections.Generic;
using System.Threading;

namespace TeamsRemediation.Platform
{
    /// <summary>
    /// One-shot tasks that run a program in a logged-on user's own session. On Windows this is the Task Scheduler
    /// service (its COM API); the simulated twin records every definition and plays what the user's session does.
    /// Task names are full paths in the root task folder ("\name").
    /// </summary>
    public interface IUserTaskScheduler
    {
        /// <summary>Registers a new task from its Task Scheduler XML for the user with this SID; fails when the name is taken.</summary>
        void Register(string taskName, string definitionXml, string userSid);

        /// <summary>Starts the registered task now, in this terminal-server session.</summary>
        void Start(string taskName, int sessionId);

        /// <summary>The task's state now; <see cref="ScheduledTaskState.NotFound"/> when no task has that name.</summary>
        ScheduledTaskStatus Query(string taskName);

        /// <summary>Waits up to <paramref name="interval"/> (less when cancelled) and returns how long it waited.</summary>
        TimeSpan Wait(TimeSpan interval, CancellationToken cancellation);

        /// <summary>Stops every running instance of the task; a task that is not running is not an error.</summary>
        void Stop(string taskName);

        /// <summary>Deletes the task; false when there was none by that name.</summary>
        bool Delete(string taskName);

        /// <summary>The names of the tasks in the root folder, hidden ones included, that start with this prefix.</summary>
        IReadOnlyList<string> List(string namePrefix);
    }

    /// <summary>TASK_STATE (sdk-api taskschd ne-taskschd-task_state), plus NotFound for a task that is not registered.</summary>
    public enum ScheduledTaskState
    {
        Unknown = 0,
        Disabled = 1,
        Queued = 2,
        Ready = 3,
        Running = 4,
        NotFound = 100,
    }

    public sealed class ScheduledTaskStatus
    {
        public ScheduledTaskStatus(ScheduledTaskState state, int lastResult, bool hasRun)
        {
            State = state;
            LastResult = lastResult;
            HasRun = hasRun;
        }

        public ScheduledTaskState State { get; }

        /// <summary>The exit code (or HRESULT) of the last run, as IRegisteredTask.LastTaskResult reports it.</summary>
        public int LastResult { get; }

        /// <summary>True once an instance started and ended (IRegisteredTask.LastRunTime is set).</summary>
        public bool HasRun { get; }

        public bool IsRunning => State == ScheduledTaskState.Running || State == ScheduledTaskState.Queued;
    }
}
