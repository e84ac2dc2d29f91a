using System;
using System.IO;

namespace TeamsRemediation.Demo
{
    /// <summary>Echoes each command like a prompt would, then what PowerShell shows for it.</summary>
    public sealed class DemoConsole
    {
        private readonly TextWriter output;

        public DemoConsole(ModuleSession session, TextWriter output)
        {
            Session = session;
            this.output = output;
        }

        public ModuleSession Session { get; }

        public void Heading(string title)
        {
            output.WriteLine();
            output.WriteLine("=== " + title + " " + new string('=', Math.Max(3, 100 - title.Length)));
        }

        public void Say(string text) => output.WriteLine("# " + text);

        /// <summary>Shows the command and its formatted output, errors included, as the console would.</summary>
        public void Type(string command)
        {
            output.WriteLine("PS C:\\WINDOWS\\system32> " + command);
            output.Write(Session.Show(command + " 2>&1").TrimEnd() + Environment.NewLine);
        }
    }
}
