using static Live.Tools.Generator.Tests.GeneratorTestRunner;

namespace Live.Tools.Generator.Tests;

/// <summary>The generated code for the forms System.Text.Json gives some values and the string-form DataAnnotations.</summary>
public class FormatSnapshotTests
{
    [Fact]
    public Task FieldsBytesFlagsAndStringRules() => VerifyAsync("""
        using System;
        using System.ComponentModel.DataAnnotations;
        using System.Text.Json.Serialization;
        using Live.Tools;

        namespace Files;

        [Flags]
        public enum Access { None = 0, Read = 1, Write = 2 }

        public sealed class Upload
        {
            [JsonInclude] public string Name = "";
            [JsonInclude] public byte[] Content = Array.Empty<byte>();
            [EmailAddress] public string? Owner { get; set; }
        }

        public partial class FileTools
        {
            /// <summary>Stores a file.</summary>
            /// <param name="upload">The file.</param>
            /// <param name="access">Who may do what.</param>
            /// <param name="link">Where it came from.</param>
            /// <param name="kind">Its kind.</param>
            [LiveTool]
            public ReadOnlyMemory<byte> Store(Upload upload, Access access, [Url] string link, [AllowedValues("text", "image")] string kind) => upload.Content;

            /// <summary>Reads access.</summary>
            /// <param name="size">A number as text.</param>
            /// <param name="user">Who asks.</param>
            /// <param name="phone">How to call back.</param>
            [LiveTool]
            public Access Check([Range(1, 100)] string size, [DeniedValues("root")] string user, [Phone] string? phone = null) => Access.Read;
        }
        """, nameof(FormatSnapshotTests));
}
