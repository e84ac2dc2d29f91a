using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// The admin pack as a text file in the run's report folder, for a ticket or a mail to the tenant admin: what to
    /// search for in the Entra admin center (Sign-in logs, filter by Correlation ID or Request ID, or by user and time).
    /// Written new, never appended to or read back.
    /// </summary>
    public static class AdminPackFile
    {
        public const string FileName = "admin-pack.txt";

        /// <summary>Writes the pack into <paramref name="reportFolder"/> and sets <see cref="AdminPack.FilePath"/>.</summary>
        public static string Write(AdminPack pack, string reportFolder)
        {
            if (pack is null)
            {
                throw new ArgumentNullException(nameof(pack));
            }

            var path = Path.Combine(reportFolder, FileName);
            var bytes = new UTF8Encoding(false).GetBytes(Render(pack));
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                file.Write(bytes, 0, bytes.Length);
            }

            pack.FilePath = path;
            return path;
        }

        /// <summary>The text of the file; every line is made from the pack's checked values and the module's own words.</summary>
        public static string Render(AdminPack pack)
        {
            var text = new StringBuilder();
            void Line(string label, string value) => text.Append(label).Append(": ").Append(value.Length > 0 ? value : "(not known)").Append("\r\n");
            void List(string label, string[] values) => Line(label, string.Join(", ", values));

            text.Append("Teams sign-in failures on ").Append(pack.ComputerName).Append(" for the Entra ID admin\r\n");
            text.Append("Look them up in the Microsoft Entra admin center: Identity > Monitoring & health > Sign-in logs, filter by ")
                .Append("Correlation ID or Request ID (or by user and time). No token, credential or cookie is in this file.\r\n\r\n");
            Line("Made (UTC)", Time(pack.CreatedUtc));
            Line("Period", Diagnostics.TimeInWords.Of(TimeSpan.FromHours(pack.PeriodHours)) + " before that");
            Line("Tenant id", pack.TenantId);
            Line("Tenant name", pack.TenantName);
            Line("Device id", pack.DeviceId);
            Line("Join type", pack.JoinType);
            List("User principals", pack.UserPrincipals);
            List("Teams client versions", pack.ClientVersions);
            List("Correlation ids", pack.CorrelationIds);
            List("Request ids", pack.RequestIds);
            Line("Nothing this PC can fix", pack.NothingThePcCanFix ? "yes: every problem found is the user's or the tenant admin's" : "no");
            text.Append("\r\nFailures (oldest first):\r\n");
            if (pack.FailureRecords.Length == 0)
            {
                text.Append("  none in the period\r\n");
            }

            foreach (var f in pack.FailureRecords)
            {
                text.Append("  ").Append(Time(f.TimeUtc)).Append("  ").Append(f.User).Append(" (").Append(f.UserSid).Append(")\r\n");
                text.Append("    error ").Append(Or(f.Error)).Append(f.ErrorMeaning.Length > 0 ? " (" + f.ErrorMeaning + ")" : string.Empty)
                    .Append(f.OAuthCode.Length > 0 ? ", " + f.OAuthCode : string.Empty).Append("\r\n");
                text.Append("    ").Append(f.Aadsts.Length > 0 ? f.Aadsts + ": " + f.AadstsMeaning : "no AADSTS code").Append(" (owner: ")
                    .Append(f.Owner).Append(")\r\n");
                text.Append("    correlation id ").Append(Or(f.CorrelationId)).Append(", request id ").Append(Or(f.RequestId)).Append(", client id ")
                    .Append(Or(f.ClientId)).Append("\r\n");
            }

            if (pack.Codes.Length > 0)
            {
                text.Append("\r\nCodes:\r\n");
                foreach (var code in pack.Codes)
                {
                    text.Append("  ").Append(code).Append("\r\n");
                }
            }

            if (pack.OutsideThePc.Length > 0)
            {
                text.Append("\r\nFor the user or the admin:\r\n");
                foreach (var line in pack.OutsideThePc)
                {
                    text.Append("  ").Append(line).Append("\r\n");
                }
            }

            if (pack.Notes.Length > 0)
            {
                text.Append("\r\nNotes:\r\n");
                foreach (var note in pack.Notes.Where(n => n.Length > 0))
                {
                    text.Append("  ").Append(note).Append("\r\n");
                }
            }

            return text.ToString();
        }

        private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static string Or(string value) => value.Length > 0 ? value : "-";
    }
}
