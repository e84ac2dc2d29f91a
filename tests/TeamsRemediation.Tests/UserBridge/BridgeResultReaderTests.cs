using System;
using System.IO;
using System.Linq;
using TeamsRemediation.Simulation;
using TeamsRemediation.Tests.Support;
using TeamsRemediation.UserBridge;
using Xunit;

namespace TeamsRemediation.Tests.UserBridge
{
    /// <summary>The checks a result file must pass before SYSTEM believes a word of it, on real files.</summary>
    public sealed class BridgeResultReaderTests
    {
        private const string RunId = "4f9d0c1e2b3a45678899aabbccddeeff";
        private const string UserSid = BridgeScenario.EntraSid;
        private const string Head = "{\"schema\":\"TeamsRemediation.UserBridgeResult/1\",\"runId\":\"" + RunId + "\",";

        private static string Document(string objects = "", string errors = "", string runId = RunId) =>
            "{\"schema\":\"TeamsRemediation.UserBridgeResult/1\",\"runId\":\"" + runId + "\",\"languageMode\":\"FullLanguage\",\"psVersion\":\"5.1\","
            + "\"objects\":[" + objects + "],\"errors\":[" + errors + "],\"end\":\"" + runId + "\"}";

        private static (TempFolder Folder, SimulatedStorageSecurity Storage) Folder(string? content, string owner = UserSid)
        {
            var folder = new TempFolder();
            var storage = new SimulatedStorageSecurity();
            var path = folder.Combine(BridgeResultReader.FileName);
            if (content != null)
            {
                File.WriteAllText(path, content);
                storage.Declare(path, "O:" + owner + "D:(A;;FA;;;SY)");
            }

            return (folder, storage);
        }

        private static string RejectedId(string? content, string owner = UserSid)
        {
            var (folder, storage) = Folder(content, owner);
            using (folder)
            {
                return Assert.Throws<UserBridgeException>(() => BridgeResultReader.Read(storage, folder.Path, RunId, UserSid)).Error.Id;
            }
        }

        [Fact]
        public void AWellFormedResultGivesTypedValuesAndErrorsWithTheirIds()
        {
            var objects = "{\"typeName\":\"TeamsRemediation.Account.TeamsAccountResetStep\",\"kind\":\"Object\",\"value\":null,\"properties\":["
                + "{\"name\":\"User\",\"kind\":\"String\",\"value\":\"AzureAD\\\\alice\",\"values\":null},"
                + "{\"name\":\"Done\",\"kind\":\"Boolean\",\"value\":\"true\",\"values\":null},"
                + "{\"name\":\"Count\",\"kind\":\"Number\",\"value\":\"4294967295\",\"values\":null},"
                + "{\"name\":\"When\",\"kind\":\"DateTime\",\"value\":\"2026-11-27T06:01:02.0000000Z\",\"values\":null},"
                + "{\"name\":\"Removed\",\"kind\":\"StringArray\",\"value\":null,\"values\":[\"a\",\"b\"]},"
                + "{\"name\":\"Reason\",\"kind\":\"Null\",\"value\":null,\"values\":null}]},"
                + "{\"typeName\":\"System.String\",\"kind\":\"String\",\"value\":\"CAA20002 PC01 Compliant\",\"properties\":null}";
            var errors = "{\"errorId\":\"UserNotFound,TeamsRemediation.Commands.GetTeamsInstallationCommand\",\"category\":\"ObjectNotFound\","
                + "\"message\":\"No user.\",\"recommendedAction\":\"Name one.\",\"target\":\"bob\"}";
            var (folder, storage) = Folder("\uFEFF" + Document(objects, errors));
            using (folder)
            {
                var result = BridgeResultReader.Read(storage, folder.Path, RunId, UserSid);

                var step = result.Objects[0];
                Assert.Equal("TeamsRemediation.Account.TeamsAccountResetStep", step.TypeName);
                Assert.Equal("AzureAD\\alice", step.Properties[0].Value);
                Assert.Equal(true, step.Properties[1].Value);
                Assert.Equal(4294967295L, step.Properties[2].Value);
                Assert.Equal(new DateTime(2026, 11, 27, 6, 1, 2, DateTimeKind.Utc), step.Properties[3].Value);
                Assert.Equal(new[] { "a", "b" }, (string[])step.Properties[4].Value!);
                Assert.Null(step.Properties[5].Value);
                Assert.Equal("CAA20002 PC01 Compliant", result.Objects[1].Scalar!.Value);
                var error = Assert.Single(result.Errors);
                Assert.Equal("UserNotFound,TeamsRemediation.Commands.GetTeamsInstallationCommand", error.ErrorId);
                Assert.Equal("ObjectNotFound", error.Category);
                Assert.Equal("bob", error.Target);
                Assert.True(result.IsFullLanguage);
            }
        }

        [Fact]
        public void AFileOwnedBySYSTEMOrAnotherUserIsUntrusted()
        {
            Assert.Equal("UserBridgeResultUntrusted", RejectedId(Document(), owner: "S-1-5-18"));
            Assert.Equal("UserBridgeResultUntrusted", RejectedId(Document(), owner: "S-1-5-21-1004336348-1177238915-682003330-1002"));
        }

        [Fact]
        public void ALinkInPlaceOfTheFileIsUntrustedAndItsTargetIsNotRead()
        {
            using (var folder = new TempFolder())
            using (var elsewhere = new TempFolder())
            {
                var secret = elsewhere.Combine("secret.json");
                File.WriteAllText(secret, Document());
                File.CreateSymbolicLink(folder.Combine(BridgeResultReader.FileName), secret);
                var storage = new SimulatedStorageSecurity();
                storage.Declare(folder.Combine(BridgeResultReader.FileName), "O:" + UserSid + "D:(A;;FA;;;SY)");

                var rejected = Assert.Throws<UserBridgeException>(() => BridgeResultReader.Read(storage, folder.Path, RunId, UserSid));

                Assert.Equal("UserBridgeResultUntrusted", rejected.Error.Id);
                Assert.Contains("link", rejected.Error.Message);
            }
        }

        [Theory]
        [InlineData("not json at all")]
        [InlineData(Head + "\"objects\":[{\"typeName\":\"X\",\"kind\":\"Obj")]
        [InlineData("{\"schema\":\"Something.Else/1\",\"runId\":\"4f9d0c1e2b3a45678899aabbccddeeff\"}")]
        [InlineData("{\"schema\":\"TeamsRemediation.UserBridgeResult/1\",\"runId\":\"0000\"}")]
        [InlineData(Head + "\"objects\":[{\"typeName\":\"X\","
            + "\"kind\":\"Object\",\"properties\":[{\"name\":\"P\",\"kind\":\"System.IO.FileInfo\",\"value\":\"C:\\\\x\"}]}]}")]
        [InlineData(Head + "\"objects\":[{\"typeName\":\"X\","
            + "\"kind\":\"Object\",\"properties\":[{\"name\":\"P\",\"kind\":\"3\",\"value\":\"1\"}]}]}")]
        [InlineData(Head + "\"objects\":[{\"typeName\":\"X\","
            + "\"kind\":\"Object\",\"properties\":[{\"name\":\"P\",\"kind\":\"Boolean\",\"value\":\"yes\"}]}]}")]
        [InlineData(Head + "\"objects\":[{\"typeName\":\"X\","
            + "\"kind\":\"Object\",\"properties\":[{\"name\":\"P\",\"kind\":\"String\",\"value\":\"1\"},"
            + "{\"name\":\"p\",\"kind\":\"String\",\"value\":\"2\"}]}]}")]
        [InlineData(Head + "\"errors\":[{\"message\":\"no id\"}]}")]
        public void ATamperedOrForeignDocumentIsInvalid(string content)
        {
            Assert.Equal("UserBridgeResultInvalid", RejectedId(content));
        }

        [Fact]
        public void AResultCutShortAnywhereIsInvalidAndNeverEscapesAsAnotherException()
        {
            var whole = Document("{\"typeName\":\"T\",\"kind\":\"Object\",\"value\":null,\"properties\":[{\"name\":\"P\",\"kind\":\"StringArray\","
                + "\"value\":null,\"values\":[\"a\"]}]}", "{\"errorId\":\"X\",\"message\":\"m\"}");
            var ids = Enumerable.Range(1, whole.Length - 2).Select(cut => RejectedId(whole.Substring(0, cut))).Distinct().ToList();

            Assert.Equal(new[] { "UserBridgeResultInvalid" }, ids);
        }

        [Fact]
        public void AFileBeyondTheSizeBoundIsInvalidBeforeItIsParsed()
        {
            var padding = new string(' ', (int)BridgeResultReader.MaximumBytes);
            Assert.Equal("UserBridgeResultInvalid", RejectedId(Document() + padding));
        }

        [Fact]
        public void NoFileIsInvalid()
        {
            Assert.Equal("UserBridgeResultInvalid", RejectedId(null));
        }

        [Fact]
        public void ATaskNameReadsBackWithItsStartAndOtherNamesDoNot()
        {
            var name = BridgeTaskName.Create(new DateTimeOffset(2026, 11, 27, 6, 30, 15, 400, TimeSpan.Zero), "0123456789ab", 3);

            Assert.Equal("TeamsRemediation-UserBridge-20261127T063015Z-0123456789ab-s3", name.Name);
            Assert.Equal("\\" + name.Name, name.TaskPath);
            Assert.Equal(new DateTimeOffset(2026, 11, 27, 6, 30, 15, TimeSpan.Zero), BridgeTaskName.TryParse(name.TaskPath)!.StartedAt);
            Assert.Null(BridgeTaskName.TryParse("\\TeamsRemediation-UserBridge-2026xx27T063015Z-0123456789ab-s3"));
            Assert.Null(BridgeTaskName.TryParse("\\Microsoft\\Windows\\Something"));
        }
    }
}
