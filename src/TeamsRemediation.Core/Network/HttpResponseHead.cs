using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace TeamsRemediation.Network
{
    /// <summary>The status line, headers and the first bytes of the body of an HTTP/1.1 answer, read with a size cap.</summary>
    public sealed class HttpResponseHead
    {
        /// <summary>More than this before the blank line is not an HTTP answer we can use.</summary>
        public const int MaxHeadBytes = 32 * 1024;

        /// <summary>Enough of the body to tell HTML from JSON.</summary>
        public const int BodySampleBytes = 512;

        private HttpResponseHead(int status, Dictionary<string, string> headers, string bodySample)
        {
            Status = status;
            Headers = headers;
            BodySample = bodySample;
        }

        public int Status { get; }

        public IReadOnlyDictionary<string, string> Headers { get; }

        public string BodySample { get; }

        public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : string.Empty;

        public string ContentType => Header("Content-Type");

        /// <summary>The Date header (RFC 1123), or null when absent or unreadable.</summary>
        public DateTimeOffset? Date => DateTimeOffset.TryParseExact(Header("Date"), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
            out var date) ? date : (DateTimeOffset?)null;

        /// <summary>The answer is an HTML page (by its type or by its first bytes).</summary>
        public bool IsHtml
        {
            get
            {
                if (ContentType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }

                var start = BodySample.TrimStart();
                return start.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase)
                    || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
            }
        }

        /// <summary>
        /// Reads one answer; null when the peer closed before a complete head. Waits for the body sample only as far
        /// as Content-Length promises it, and not at all for a successful CONNECT, whose "body" is the tunnel.
        /// </summary>
        public static HttpResponseHead? Read(Stream stream, bool isConnect = false)
        {
            var buffer = new byte[MaxHeadBytes + BodySampleBytes];
            var filled = 0;
            var headEnd = -1;
            while (headEnd < 0)
            {
                if (filled == MaxHeadBytes)
                {
                    return null;
                }

                var read = stream.Read(buffer, filled, MaxHeadBytes - filled);
                if (read == 0)
                {
                    return null;
                }

                filled += read;
                headEnd = IndexOfBlankLine(buffer, filled);
            }

            var headText = Encoding.ASCII.GetString(buffer, 0, headEnd);
            var lines = headText.Split(new[] { "\r\n" }, StringSplitOptions.None);
            var statusParts = lines[0].Split(' ');
            if (statusParts.Length < 2 || !statusParts[0].StartsWith("HTTP/", StringComparison.Ordinal)
                || !int.TryParse(statusParts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                return null;
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 1; i < lines.Length; i++)
            {
                var colon = lines[i].IndexOf(':');
                if (colon > 0)
                {
                    headers[lines[i].Substring(0, colon).Trim()] = lines[i].Substring(colon + 1).Trim();
                }
            }

            var bodyStart = headEnd + 4;
            var want = isConnect && status / 100 == 2 ? 0 : BodySampleBytes;
            if (headers.TryGetValue("Content-Length", out var lengthText)
                && int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                want = Math.Min(want, length);
            }

            var bodyHave = filled - bodyStart;
            while (bodyHave < want)
            {
                var read = stream.Read(buffer, filled, bodyStart + want - filled);
                if (read == 0)
                {
                    break;
                }

                filled += read;
                bodyHave += read;
            }

            var sample = Encoding.UTF8.GetString(buffer, bodyStart, Math.Min(Math.Max(bodyHave, 0), BodySampleBytes));
            return new HttpResponseHead(status, headers, sample);
        }

        private static int IndexOfBlankLine(byte[] buffer, int length)
        {
            for (var i = 3; i < length; i++)
            {
                if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r')
                {
                    return i - 3;
                }
            }

            return -1;
        }
    }
}
