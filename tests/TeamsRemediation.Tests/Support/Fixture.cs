using System;
using System.IO;

namespace TeamsRemediation.Tests.Support
{
    /// <summary>Recorded real-world outputs copied next to the tests (dsregcmd, event 1098), read byte for byte.</summary>
    public static class Fixture
    {
        public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

        public static string Text(string name) => File.ReadAllText(Path(name));
    }
}
