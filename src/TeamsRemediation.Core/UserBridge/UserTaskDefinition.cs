using System;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace TeamsRemediation.UserBridge
{
    /// <summary>
    /// The Task Scheduler XML of one bridge run: one user by SID, that user's interactive token, least privilege, no
    /// stored password, hidden, one program with its arguments, and an expiry after which the service deletes the
    /// task by itself should the module die before its own cleanup. Schema reference: MicrosoftDocs/win32
    /// desktop-src/TaskSchd/task-scheduler-schema-elements.md (the taskschedulerschema-*-element pages cited below).
    /// </summary>
    public sealed class UserTaskDefinition
    {
        public static readonly XNamespace TaskNamespace = "http://schemas.microsoft.com/windows/2004/02/mit/task";

        /// <summary>The id the action's Context attribute points at.</summary>
        public const string PrincipalId = "TeamsRemediationUser";

        // Keeps the service's own expiry well after the bridge's timeout, so it never deletes a task the bridge still waits for.
        private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(10);

        public UserTaskDefinition(string userSid, string executablePath, string arguments, string workingDirectory, TimeSpan timeout,
            DateTimeOffset registeredAt)
        {
            UserSid = userSid;
            ExecutablePath = executablePath;
            Arguments = arguments;
            WorkingDirectory = workingDirectory;
            Timeout = timeout;
            RegisteredAt = registeredAt.ToUniversalTime();
        }

        public string UserSid { get; }

        public string ExecutablePath { get; }

        public string Arguments { get; }

        public string WorkingDirectory { get; }

        public TimeSpan Timeout { get; }

        public DateTimeOffset RegisteredAt { get; }

        /// <summary>When the task's only trigger ends; DeleteExpiredTaskAfter counts from here.</summary>
        public DateTimeOffset ExpiresAt => RegisteredAt + Timeout + ExpiryMargin;

        public string ToXml()
        {
            var ns = TaskNamespace;
            var task = new XElement(
                ns + "Task",
                // Version 1.2 (Windows 7 / Server 2008 R2) is the lowest that has every element used here.
                new XAttribute("version", "1.2"),
                new XElement(
                    ns + "RegistrationInfo",
                    new XElement(ns + "Author", "TeamsRemediation"),
                    new XElement(ns + "Description", "Runs one TeamsRemediation command in this user's own session for a run started as SYSTEM. "
                        + "Deleted when the run ends.")),
                new XElement(
                    ns + "Triggers",
                    // DeleteExpiredTaskAfter needs a trigger with an EndBoundary (taskschedulerschema-deleteexpiredtaskafter-settingstype-element).
                    // The start lies in the past and StartWhenAvailable is false, so this trigger never starts the task:
                    // only the bridge does, with RunEx in the chosen session.
                    new XElement(
                        ns + "TimeTrigger",
                        new XElement(ns + "StartBoundary", Boundary(RegisteredAt - TimeSpan.FromMinutes(1))),
                        new XElement(ns + "EndBoundary", Boundary(ExpiresAt)),
                        new XElement(ns + "Enabled", "true"))),
                new XElement(
                    ns + "Principals",
                    new XElement(
                        ns + "Principal",
                        new XAttribute("id", PrincipalId),
                        // A SID, never a name: Entra ID users (S-1-12-1-...) have names the local LSA may not map, and a
                        // name can match another account (taskschedulerschema-userid-principaltype-element).
                        new XElement(ns + "UserId", UserSid),
                        // InteractiveToken: runs only in the session the user is already logged on to, with that logon's
                        // token; no password is stored (taskschedulerschema-logontype-principaltype-element, TASK_LOGON_INTERACTIVE_TOKEN).
                        new XElement(ns + "LogonType", "InteractiveToken"),
                        // LeastPrivilege: the user's filtered token even when the user is an administrator
                        // (taskschedulerschema-runlevel-principaltype-element).
                        new XElement(ns + "RunLevel", "LeastPrivilege"))),
                new XElement(
                    ns + "Settings",
                    new XElement(ns + "MultipleInstancesPolicy", "IgnoreNew"),
                    // A laptop on battery is the normal case for a user at their desk: the defaults (true) would refuse to start.
                    new XElement(ns + "DisallowStartIfOnBatteries", "false"),
                    new XElement(ns + "StopIfGoingOnBatteries", "false"),
                    new XElement(ns + "AllowHardTerminate", "true"),
                    new XElement(ns + "StartWhenAvailable", "false"),
                    new XElement(ns + "RunOnlyIfNetworkAvailable", "false"),
                    new XElement(ns + "IdleSettings", new XElement(ns + "StopOnIdleEnd", "false"), new XElement(ns + "RestartOnIdle", "false")),
                    new XElement(ns + "AllowStartOnDemand", "true"),
                    new XElement(ns + "Enabled", "true"),
                    // Hidden keeps the task out of the user's Task Scheduler view; it hides no window. The program is the session
                    // launcher, which starts PowerShell with no console window at all (W20).
                    new XElement(ns + "Hidden", "true"),
                    new XElement(ns + "RunOnlyIfIdle", "false"),
                    new XElement(ns + "WakeToRun", "false"),
                    // The service ends the program itself when the bridge's wait is long over
                    // (taskschedulerschema-executiontimelimit-settingstype-element).
                    new XElement(ns + "ExecutionTimeLimit", XmlConvert.ToString(Timeout + ExpiryMargin)),
                    new XElement(ns + "DeleteExpiredTaskAfter", "PT1M"),
                    new XElement(ns + "Priority", "7")),
                new XElement(
                    ns + "Actions",
                    new XAttribute("Context", PrincipalId),
                    new XElement(
                        ns + "Exec",
                        new XElement(ns + "Command", ExecutablePath),
                        new XElement(ns + "Arguments", Arguments),
                        new XElement(ns + "WorkingDirectory", WorkingDirectory))));

            // ITaskFolder::RegisterTask takes the XML as a BSTR, i.e. UTF-16 text, which is what Microsoft's XML examples declare.
            return "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n" + task.ToString(SaveOptions.None);
        }

        /// <summary>YYYY-MM-DDTHH:MM:SS(+-)HH:MM, the form the EndBoundary page gives.</summary>
        private static string Boundary(DateTimeOffset time) =>
            time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
    }
}
