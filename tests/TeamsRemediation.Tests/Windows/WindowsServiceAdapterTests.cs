using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Logging;
using TeamsRemediation.Platform;
using TeamsRemediation.Tests.Platform;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.UserBridge;
using TeamsRemediation.Windows;
using Xunit;

namespace TeamsRemediation.Tests.Windows
{
    /// <summary>
    /// The Windows adapters that change the PC's services: the Task Scheduler adapter (a one-shot task for the caller,
    /// registered, found and deleted within the test) and the event log writer (the module's source registered in HKLM,
    /// events of each level written). What Wine's services do not implement is named as the Wine gap.
    /// </summary>
    public sealed class WindowsServiceAdapterTests
    {
        private static WindowsMachine Local => WindowsMachine.Local;

        /// <summary>
        /// On Windows the caller may always register a task that runs as themselves; the task has no trigger and is
        /// deleted before the test ends. Starting it (the bridge's RunEx in the user's session) is played by the simulated
        /// scheduler, since it needs a second, interactive user.
        /// </summary>
        [WindowsFact(WineGap = "Wine's taskschd.dll stubs IDispatch::GetIDsOfNames of its TaskService (E_NOTIMPL), so the adapter's "
            + "late-bound calls fail at ITaskService::Connect.")]
        public void AOneShotTaskForTheCallerIsRegisteredFoundAndDeleted()
        {
            var me = Local.Users.GetCurrentIdentity();
            var name = BridgeTaskName.Create(DateTimeOffset.UtcNow, Guid.NewGuid().ToString("N").Substring(0, 8), me.SessionId);
            using var folder = new TempFolder();
            var definition = new UserTaskDefinition(me.Sid, Path.Combine(AppContext.BaseDirectory, "TeamsRemediation.WindowsLeg.exe"), "--sleep",
                folder.Path, TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow);
            var scheduler = Local.Tasks;

            scheduler.Register(name.TaskPath, definition.ToXml(), me.Sid);
            try
            {
                Assert.Contains(name.TaskPath, scheduler.List(BridgeTaskName.Prefix));
                var registered = scheduler.Query(name.TaskPath);
                Assert.NotEqual(ScheduledTaskState.NotFound, registered.State);
                Assert.False(registered.IsRunning, "registered, never started");
                Assert.False(registered.HasRun, "registered, never started");

                Assert.True(scheduler.Delete(name.TaskPath));

                Assert.DoesNotContain(name.TaskPath, scheduler.List(BridgeTaskName.Prefix));
                Assert.Equal(ScheduledTaskState.NotFound, scheduler.Query(name.TaskPath).State);
                Assert.False(scheduler.Delete(name.TaskPath), "a second delete finds no task");
            }
            finally
            {
                scheduler.Delete(name.TaskPath);
            }
        }

        /// <summary>
        /// The machine log registers the module's event source on first use (the caller here is elevated, as Wine's user
        /// is) and copies each line to the Application log through the event log writer. Wine's ReportEventW is a stub
        /// that keeps no event (it prints the text on Wine's eventlog debug channel; GetNumberOfEventLogRecords then
        /// reads 0), so what this asserts is what Wine keeps: the source's registry values, the file line, and every
        /// level accepted by RegisterEventSourceW and ReportEventW. It changes HKLM, so it runs only in a Wine prefix.
        /// </summary>
        [WineFact]
        public void TheMachineLogRegistersTheEventSourceAndTheWriterAcceptsEveryLevel()
        {
            var source = EventLogSource.Key;
            FreshModuleFolder.Reset(Local);
            Local.Registry.DeleteValue(source, "EventMessageFile");
            var log = new MachineLog(Local);
            var message = "Windows leg event " + Guid.NewGuid().ToString("N");
            try
            {
                Assert.True(log.Write("WindowsLeg", message, EventLogLevel.Warning), "the line was written to " + log.FilePath);

                Assert.Contains(message, File.ReadAllText(log.FilePath));
                Assert.Equal(EventLogSource.MessageFile(Local), Local.Registry.GetValue(source, "EventMessageFile")?.AsString);
                Assert.Equal(7u, Local.Registry.GetValue(source, "TypesSupported")?.AsDWord);
                foreach (var level in new[] { EventLogLevel.Information, EventLogLevel.Warning, EventLogLevel.Error })
                {
                    Local.EventLog.Write(EventLogSource.Name, level, MachineLog.EventId, message + " " + level);
                }
            }
            finally
            {
                Local.Registry.DeleteValue(source, "EventMessageFile");
                Local.Registry.DeleteValue(source, "TypesSupported");
                FreshModuleFolder.Reset(Local);
            }
        }
    }
}
