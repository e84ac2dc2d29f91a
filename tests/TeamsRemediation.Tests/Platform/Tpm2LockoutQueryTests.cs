using System;
using System.Linq;
using TeamsRemediation.Platform;
using Xunit;

namespace TeamsRemediation.Tests.Platform
{
    /// <summary>
    /// The TPM2_GetCapability the module sends through TPM Base Services, and the reading of the TPM's answer: the bytes of TPM 2.0
    /// Part 3's command and response layout, and every way a driver's answer can be wrong read as "unreadable", never as a lockout.
    /// </summary>
    public sealed class Tpm2LockoutQueryTests
    {
        // A TPM's answer as it comes back (big-endian): TPM_ST_NO_SESSIONS, size 0x9B (155), TPM_RC_SUCCESS, moreData NO,
        // TPM_CAP_TPM_PROPERTIES, 17 properties 0x200..0x210. TPM_PT_PERMANENT = 0x00000207 (ownerAuthSet, endorsementAuthSet,
        // lockoutAuthSet; inLockout clear), TPM_PT_LOCKOUT_COUNTER 3, TPM_PT_MAX_AUTH_FAIL 32, TPM_PT_LOCKOUT_INTERVAL 7200.
        private const string HealthyAnswer =
            "8001 0000009B 00000000 00 00000006 00000011"
            + " 00000200 00000007 00000201 8000000F 00000202 00000003 00000203 00000000 00000204 00000003 00000205 00000000"
            + " 00000206 00000040 00000207 00000003 00000208 00000004 00000209 0000003C 0000020A 00000000 0000020B 00000040"
            + " 0000020C 00000001 0000020D 00000000 0000020E 00000003 0000020F 00000020 00000210 00001C20";

        private static byte[] Bytes(string hex)
        {
            var digits = hex.Replace(" ", string.Empty);
            return Enumerable.Range(0, digits.Length / 2).Select(i => Convert.ToByte(digits.Substring(i * 2, 2), 16)).ToArray();
        }

        private static TpmLockoutState Parse(byte[] answer) => Tpm2LockoutQuery.Parse(answer, answer.Length);

        [Fact]
        public void TheCommandIsTpm2GetCapabilityForTheVariablePropertiesUpToTheLockoutInterval()
        {
            Assert.Equal(Bytes("8001 00000016 0000017A 00000006 00000200 00000011"), Tpm2LockoutQuery.Command());
        }

        [Fact]
        public void AHealthyTpmsAnswerGivesItsCountersAndNoLockout()
        {
            var state = Parse(Bytes(HealthyAnswer));

            Assert.Equal(TpmStateRead.Read, state.Outcome);
            Assert.False(state.InLockout);
            Assert.Equal(3u, state.FailedTries);
            Assert.Equal(32u, state.MaxTries);
            Assert.Equal(7200u, state.HealSeconds);
            Assert.Equal("The TPM's own state (TPM2_GetCapability through TPM Base Services): not in lockout, 3 failed authorizations "
                + "counted of 32 allowed, one forgiven every 2 h.", state.Describe());
        }

        [Fact]
        public void TheInLockoutBitOfTpmaPermanentIsALockout()
        {
            var locked = Bytes(HealthyAnswer.Replace("00000200 00000007", "00000200 00000207").Replace("0000020E 00000003", "0000020E 00000020"));

            var state = Parse(locked);

            Assert.True(state.InLockout);
            Assert.Equal(32u, state.FailedTries);
        }

        [Fact]
        public void TheSimulatedTpmsAnswerIsTheSameShapeAsARealOne()
        {
            var built = Tpm2LockoutQuery.Answer(0x7, 3, 32, 7200);
            var real = Bytes(HealthyAnswer);

            // The built answer leaves the properties the check does not read at zero; the layout is the same.
            Assert.Equal(real.Length, built.Length);
            Assert.Equal(real.Take(19), built.Take(19));
            Assert.Equal(TpmStateRead.Read, Parse(built).Outcome);
        }

        [Theory]
        [InlineData("8001 0000", "too short")]
        [InlineData("8001 0000009C 00000000", "says it is 156 bytes")]
        [InlineData("8001 0000000A 00000101", "response code 0x00000101")]
        [InlineData("8002 0000000A 00000000", "not a TPM2_GetCapability answer")]
        public void AnAnswerThatIsNotAValidOneIsUnreadableNeverALockout(string answer, string reason)
        {
            var state = Parse(Bytes(answer));

            Assert.Equal(TpmStateRead.Unreadable, state.Outcome);
            Assert.False(state.InLockout);
            Assert.Contains(reason, state.Reason);
        }

        [Fact]
        public void PropertiesThatDoNotFitTheQuestionAreUnreadable()
        {
            var wrongCapability = Bytes(HealthyAnswer.Replace("00 00000006 00000011", "00 00000005 00000011"));
            var tooMany = Bytes(HealthyAnswer.Replace("00 00000006 00000011", "00 00000006 00000012"));
            var notAsked = Bytes(HealthyAnswer.Replace("00000210 00001C20", "00000300 00001C20"));
            var twice = Bytes(HealthyAnswer.Replace("0000020F 00000020", "0000020E 00000020"));
            var noPermanent = Bytes("8001 00000023 00000000 00 00000006 00000002 0000020E 00000000 0000020F 00000020");

            Assert.Contains("does not hold the properties", Parse(wrongCapability).Reason);
            Assert.Contains("does not hold the properties", Parse(tooMany).Reason);
            Assert.Contains("0x300", Parse(notAsked).Reason);
            Assert.Contains("came twice", Parse(twice).Reason);
            Assert.Contains("lacks TPM_PT_PERMANENT", Parse(noPermanent).Reason);
        }

        [Fact]
        public void ALengthBeyondTheBufferIsUnreadable()
        {
            var answer = Bytes(HealthyAnswer);

            Assert.Equal(TpmStateRead.Unreadable, Tpm2LockoutQuery.Parse(answer, answer.Length + 1).Outcome);
        }
    }
}
