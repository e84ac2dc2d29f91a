using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Windows
{
    /// <summary>
    /// The Task Scheduler service through its scripting (IDispatch) COM API, "Schedule.Service", called by late binding
    /// so no interop assembly ships. Microsoft's references (MicrosoftDocs/sdk-api taskschd/*, MicrosoftDocs/win32
    /// desktop-src/TaskSchd/*): ITaskService::Connect with empty arguments connects to this computer as the caller;
    /// ITaskFolder::RegisterTask registers the XML definition; IRegisteredTask::RunEx starts it in one session;
    /// ITaskFolder::GetTasks(TASK_ENUM_HIDDEN) lists hidden tasks too. Each call connects anew and releases what it
    /// used, so the calls are safe from the parallel runs' threads (the service object is free-threaded, but the
    /// objects of one connection are not shared across them).
    /// </summary>
    public sealed class WindowsTaskScheduler : IUserTaskScheduler
    {
        // TASK_CREATION, TASK_LOGON_TYPE, TASK_RUN_FLAGS and TASK_ENUM_FLAGS values from taskschd.h.
        private const int TaskCreate = 0x2;
        private const int TaskLogonInteractiveToken = 3;
        private const int TaskRunUseSessionId = 0x4;
        private const int TaskEnumHidden = 0x1;

        // HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND) and (ERROR_PATH_NOT_FOUND): GetTask and DeleteTask for a name that is not registered.
        private const int HResultFileNotFound = unchecked((int)0x80070002);
        private const int HResultPathNotFound = unchecked((int)0x80070003);

        public void Register(string taskName, string definitionXml, string userSid)
        {
            // userId is the SID and logonType TASK_LOGON_INTERACTIVE_TOKEN, the same as the principal in the XML; the password
            // stays empty (VT_EMPTY): nothing is stored (ITaskFolder::RegisterTask, -param password and logonType). No sddl:
            // the service gives the task its default descriptor and the principal its allow entry.
            WithRootFolder(folder =>
                Release(Call(folder, "RegisterTask", Bare(taskName), definitionXml, TaskCreate, userSid, null, TaskLogonInteractiveToken, null)));
        }

        public void Start(string taskName, int sessionId)
        {
            // RunEx with TASK_RUN_USE_SESSION_ID and no user starts the task interactively as the user logged on to that
            // session (IRegisteredTask::RunEx); a user with two sessions on a multi-session host gets it in the chosen one.
            WithTask(taskName, task => Release(Call(task, "RunEx", null, TaskRunUseSessionId, sessionId, string.Empty)));
        }

        public ScheduledTaskStatus Query(string taskName)
        {
            try
            {
                return WithTask(taskName, task =>
                {
                    var state = Convert.ToInt32(Get(task, "State"));
                    var lastResult = Convert.ToInt32(Get(task, "LastTaskResult"));

                    // LastRunTime of a task that never ran is the OLE zero date, 30 December 1899.
                    var lastRun = Get(task, "LastRunTime") is DateTime time ? time : DateTime.MinValue;
                    var known = Enum.IsDefined(typeof(ScheduledTaskState), state) ? (ScheduledTaskState)state : ScheduledTaskState.Unknown;
                    return new ScheduledTaskStatus(known, lastResult, lastRun.Year > 1900);
                });
            }
            catch (COMException e) when (IsNotFound(e))
            {
                return new ScheduledTaskStatus(ScheduledTaskState.NotFound, 0, false);
            }
        }

        public TimeSpan Wait(TimeSpan interval, CancellationToken cancellation)
        {
            var watch = Stopwatch.StartNew();
            cancellation.WaitHandle.WaitOne(interval);
            return watch.Elapsed;
        }

        public void Stop(string taskName)
        {
            try
            {
                WithTask(taskName, task => Call(task, "Stop", 0));
            }
            catch (COMException e) when (IsNotFound(e))
            {
                // Gone already: nothing runs.
            }
        }

        public bool Delete(string taskName)
        {
            try
            {
                WithRootFolder(folder => Call(folder, "DeleteTask", Bare(taskName), 0));
                return true;
            }
            catch (COMException e) when (IsNotFound(e))
            {
                return false;
            }
        }

        public IReadOnlyList<string> List(string namePrefix)
        {
            return WithRootFolder(folder =>
            {
                var names = new List<string>();
                var tasks = Call(folder, "GetTasks", TaskEnumHidden);
                try
                {
                    var count = Convert.ToInt32(Get(tasks!, "Count"));

                    // IRegisteredTaskCollection::get_Item is 1-based.
                    for (var index = 1; index <= count; index++)
                    {
                        var task = Get(tasks!, "Item", index);
                        try
                        {
                            var name = Get(task!, "Name") as string ?? string.Empty;
                            if (name.StartsWith(namePrefix, StringComparison.Ordinal))
                            {
                                names.Add("\\" + name);
                            }
                        }
                        finally
                        {
                            Release(task);
                        }
                    }
                }
                finally
                {
                    Release(tasks);
                }

                return names;
            });
        }

        private static T WithRootFolder<T>(Func<object, T> use)
        {
            var type = Type.GetTypeFromProgID("Schedule.Service", throwOnError: true)!;
            var service = Activator.CreateInstance(type)!;
            try
            {
                Call(service, "Connect", null, null, null, null);
                var folder = Call(service, "GetFolder", "\\")!;
                try
                {
                    return use(folder);
                }
                finally
                {
                    Release(folder);
                }
            }
            finally
            {
                Release(service);
            }
        }

        private static void WithRootFolder(Action<object> use) => WithRootFolder<object?>(folder =>
        {
            use(folder);
            return null;
        });

        private static T WithTask<T>(string taskName, Func<object, T> use) => WithRootFolder(folder =>
        {
            var task = Call(folder, "GetTask", Bare(taskName))!;
            try
            {
                return use(task);
            }
            finally
            {
                Release(task);
            }
        });

        private static void WithTask(string taskName, Action<object> use) => WithTask<object?>(taskName, task =>
        {
            use(task);
            return null;
        });

        private static object? Call(object target, string method, params object?[] arguments) =>
            Unwrap(() => target.GetType().InvokeMember(method, BindingFlags.InvokeMethod, null, target, arguments));

        private static object? Get(object target, string property, params object?[] arguments) =>
            Unwrap(() => target.GetType().InvokeMember(property, BindingFlags.GetProperty, null, target, arguments));

        /// <summary>Late-bound calls wrap the COM failure in a TargetInvocationException; callers want the COMException itself.</summary>
        private static object? Unwrap(Func<object?> call)
        {
            try
            {
                return call();
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }

        private static void Release(object? comObject)
        {
            if (comObject != null && Marshal.IsComObject(comObject))
            {
                Marshal.FinalReleaseComObject(comObject);
            }
        }

        private static bool IsNotFound(COMException e) => e.ErrorCode == HResultFileNotFound || e.ErrorCode == HResultPathNotFound;

        /// <summary>The task's name within the root folder, without the leading backslash.</summary>
        private static string Bare(string taskName) => taskName.TrimStart('\\');
    }
}
