using System;
using System.IO;
using TeamsRemediation.Platform;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>PC01 as SYSTEM with Alice (new and classic Teams, logs and a collected archive) and Bob: what the repair services act on.</summary>
    internal sealed class RepairPc : IDisposable
    {
        public const string Correlation = "7d2c5b1e-4a8f-4f0e-9b7c-3e1a2d4f6a88";
        public const string Trace = "0000aaaa-11bb-cccc-dd22-eeeeee333333";

        public RepairPc()
        {
            Pc = SimulatedPc.Create("PC01");
            Alice = Pc.AddUser("alice", loggedOn: true).InstallNewTeams().InstallClassicTeams();
            Bob = Pc.AddUser("bob", loggedOn: true).InstallNewTeams();
            Pc.RunAsSystem();
        }

        public SimulatedPc Pc { get; }

        public SimulatedMachine Machine => Pc.Machine;

        public SimulatedUser Alice { get; }

        public SimulatedUser Bob { get; }

        public DateTimeOffset Now => Machine.Clock.UtcNow;

        public static TargetUser Target(SimulatedUser user) => new TargetUser(user.Sid, user.UserName, user.Folders, true, false, user.SessionId);

        /// <summary>Writes a file with this content, dated <paramref name="age"/> before the simulated now.</summary>
        public string Write(string path, string content, TimeSpan age)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            File.SetLastWriteTimeUtc(path, (Now - age).UtcDateTime);
            return path;
        }

        public string NewLog(SimulatedUser user, string name, string content, TimeSpan age) =>
            Write(Path.Combine(TeamsLayout.NewLogFolder(user.Folders), name), content, age);

        /// <summary>A Teams event 1098 of the user: CAA2000C with AADSTS50076, the correlation id, and Entra's trace id in the text.</summary>
        public AadEvent TeamsEvent(SimulatedUser user, TimeSpan age, string extra = "") => new AadEvent(Now - age, user.Sid,
            "Error: 0xCAA2000C The request requires user interaction.\r\nCode: interaction_required\r\nDescription: AADSTS50076: you must use "
                + "multi-factor authentication. Trace ID: " + Trace + " Correlation ID: " + Correlation + " Timestamp: 2026-11-27 06:00:00Z\r\n"
                + "Client ID: 1fec8e78-bce4-4aaf-ab1b-5451cc387264\r\nCorrelation ID (request): " + Correlation + "\r\n" + extra);

        public void Dispose() => Machine.Dispose();
    }
}
