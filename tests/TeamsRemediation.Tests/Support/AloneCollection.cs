using Xunit;

namespace TeamsRemediation.Tests.Support
{
    /// <summary>
    /// Tests that take over something the whole process shares (its thread pool) run in this collection, which xunit runs
    /// after the parallel ones and alone, so no other test pays for it.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class AloneCollection
    {
        public const string Name = "Runs alone: takes over what the process shares";
    }
}
