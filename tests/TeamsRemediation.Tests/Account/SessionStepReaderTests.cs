using TeamsRemediation.Account;
using TeamsRemediation.Errors;
using TeamsRemediation.UserBridge;
using Xunit;

namespace TeamsRemediation.Tests.Account
{
    /// <summary>The errors of a user's session keep their ids; an id or category the module could not have written poses as nothing.</summary>
    public sealed class SessionStepReaderTests
    {
        private const string Where = @"CONTOSO\alice's session 2";

        [Theory]
        [InlineData("WorkAccountStepFailed,TeamsRemediation.Commands.ResetTeamsWorkAccountCommand", "InvalidOperation", "WorkAccountStepFailed",
            ModuleErrorCategory.InvalidOperation)]
        [InlineData("Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand", "ResourceUnavailable", "Modules_ModuleNotFound",
            ModuleErrorCategory.ResourceUnavailable)]
        [InlineData("not an id; Remove-Item C:\\", "PermissionDenied", "UserSessionError", ModuleErrorCategory.PermissionDenied)]
        [InlineData("JournalWriteFailed", "NotSpecified", "JournalWriteFailed", ModuleErrorCategory.InvalidResult)]
        [InlineData("JournalWriteFailed", "3", "JournalWriteFailed", ModuleErrorCategory.InvalidResult)]
        public void ASessionsErrorKeepsItsIdAndCategoryWhenTheyAreOnesTheModuleCanWrite(string id, string category, string expectedId,
            ModuleErrorCategory expectedCategory)
        {
            var error = SessionResultFields.ToModuleError(new BridgeError(id, category, "It failed.\r\nSecond line", "Do this.", "alice"), Where);

            Assert.Equal(expectedId, error.Id);
            Assert.Equal(expectedCategory, error.Category);
            Assert.Equal("In " + Where + ": It failed.  Second line", error.Message);
            Assert.Equal("Do this.", error.RecommendedAction);
            Assert.Equal("alice", error.Target);
        }
    }
}
