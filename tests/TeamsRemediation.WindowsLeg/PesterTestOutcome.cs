namespace TeamsRemediation.WindowsLeg
{
    /// <summary>One Pester test: the suite file it is in, its full name (blocks and test) and how it ended.</summary>
    public sealed class PesterTestOutcome
    {
        public PesterTestOutcome(string file, string name, TestOutcome outcome)
        {
            File = file;
            Name = name;
            Outcome = outcome;
        }

        public string File { get; }

        public string Name { get; }

        public TestOutcome Outcome { get; }
    }
}
